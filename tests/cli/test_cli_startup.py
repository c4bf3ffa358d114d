"""What a verb loads when it starts (issue 19, item 4).

A technician runs dozens of verbs and the scheduled sync starts one every 15 minutes, so a verb
must load only what it uses: `--version` and `--help` no database library and not even the
configuration; `sync status` of a lone counter reads through the database driver alone (no
SQLAlchemy, SQLModel, pydantic, Alembic, httpx, reports or Qt), and where it must open the counter
the full way still no Alembic, httpx, reports or Qt. Wall-clock figures belong to
benchmarks/bench_startup.py; here the test looks at the modules a real run of the command left in
``sys.modules``, which does not depend on the machine's load.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import clitools
import pytest

from ltsa_desk import __version__
from ltsa_desk.cli import main
from ltsa_desk.cli import parser as cli_parser
from ltsa_desk.services import reports

#: Run the real `main` in a fresh interpreter and write the modules it loaded to a file (stdout
#: belongs to the verb).
LOADED = """
import json, sys
from ltsa_desk.cli import main
try:
    code = main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""

HEAVY_FOR_EVERY_VERB = {"alembic", "mako", "PySide6", "openpyxl", "reportlab", "httpx"}
DATABASE_LIBRARIES = {"sqlalchemy", "sqlmodel", "pydantic", "keyring", "cryptography", "sqlcipher3"}
#: What a verb that only prints (its version, its help) must not load either: the configuration
#: (platformdirs, TOML, the seal), the log's handlers, the data folder's lock.
CONFIGURATION = {"platformdirs", "tomli_w", "filelock"}


def _loaded(tmp_path: Path, *argv: str) -> tuple[int, set[str]]:
    """The exit code and the top-level packages a run of ``argv`` loaded."""
    code, modules = _loaded_modules(tmp_path, *argv)
    return code, {name.split(".")[0] for name in modules}


def _loaded_modules(tmp_path: Path, *argv: str) -> tuple[int, set[str]]:
    out = tmp_path / "loaded.json"
    completed = subprocess.run(
        [sys.executable, "-c", LOADED, str(out), *argv],
        capture_output=True,
        text=True,
        env=clitools.base_env(),
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert out.exists(), completed.stderr
    found = json.loads(out.read_text())
    return found["code"], set(found["modules"])


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_load_no_database_library_nor_the_configuration(
    tmp_path: Path, flag: str
) -> None:
    code, names = _loaded_modules(tmp_path, flag)
    modules = {name.split(".")[0] for name in names}
    assert code == 0
    heavy = HEAVY_FOR_EVERY_VERB | DATABASE_LIBRARIES | CONFIGURATION
    assert not modules & heavy, sorted(modules & heavy)
    assert not {name for name in names if name.startswith("ltsa_desk.counter")}


def test_version_alone_loads_not_even_the_parser(tmp_path: Path) -> None:
    """The installer's and the scripts' check of what is installed answers before argparse."""
    code, modules = _loaded(tmp_path, "--version")
    assert code == 0
    assert not modules & {"argparse", "logging", "gettext"}, sorted(modules)


def test_version_answers_as_the_parser_does(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli_parser.build_parser().parse_args(["--version"])
    assert exited.value.code == 0
    by_parser = capsys.readouterr().out
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == by_parser == f"ltsa-desk {__version__}\n"


def test_sync_status_of_a_lone_counter_reads_through_the_driver_alone(
    tmp_path: Path, template_counter: Path
) -> None:
    code, modules = _loaded(
        tmp_path, "sync", "status", "--json", "--data-dir", str(template_counter)
    )
    assert code == 0
    assert "sqlcipher3" in modules  # it did read the encrypted file
    heavy = HEAVY_FOR_EVERY_VERB | (DATABASE_LIBRARIES - {"sqlcipher3", "keyring"})
    assert not modules & heavy, sorted(modules & heavy)


def test_sync_status_that_must_open_the_counter_fully_still_loads_no_alembic_nor_httpx(
    tmp_path: Path, fresh_counter: Path
) -> None:
    """A recovery key waits to be shown: the full opening shows it (on stderr), the quick read
    gives way; the answer is the same."""
    quick = clitools.run("sync", "status", "--json", data_dir=fresh_counter)
    assert quick.code == 0, str(quick)
    (fresh_counter / "recovery-key.pending").write_text("{}")
    code, modules = _loaded(tmp_path, "sync", "status", "--json", "--data-dir", str(fresh_counter))
    assert code == 0
    assert "sqlalchemy" in modules  # the full opening
    assert not modules & HEAVY_FOR_EVERY_VERB, sorted(modules & HEAVY_FOR_EVERY_VERB)
    (fresh_counter / "recovery-key.pending").write_text("{}")  # shown and confirmed above
    full = clitools.run("sync", "status", "--json", data_dir=fresh_counter)
    assert full.code == 0, str(full)
    assert "kunci pemulihan" in full.stderr.lower()
    assert _without_ages(full.json()) == _without_ages(quick.json())


def _without_ages(result: dict[str, Any]) -> dict[str, Any]:
    return {
        name: {k: v for k, v in row.items() if k != "oldest_pending_age_s"}
        for name, row in result.items()
    }


def test_every_verb_names_a_handler_that_exists() -> None:
    """The parser names handlers as text; a typo would only show when that verb runs."""
    parser = cli_parser.build_parser()
    names: set[str] = set()
    stack = [parser]
    while stack:
        current = stack.pop()
        handler = current.get_default("handler")
        if handler:
            names.add(handler)
        for action in current._actions:
            choices = getattr(action, "choices", None)
            if isinstance(choices, dict):
                stack.extend(choices.values())
    assert len(names) > 30
    for name in sorted(names):
        assert callable(cli_parser.load_handler(name)), name


def test_report_help_names_the_reports_own_kinds_and_formats() -> None:
    assert cli_parser.REPORT_KINDS_HELP == reports.REPORT_KINDS
    assert cli_parser.REPORT_FORMATS_HELP == reports.FORMATS
