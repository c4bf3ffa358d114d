"""What a verb loads when it starts (issue 19, item 4).

A technician runs dozens of verbs and the scheduled sync starts one every 15 minutes, so a verb
must load only what it uses: `--version` no database library at all, `sync status` no Alembic, no
reports and no Qt. Wall-clock figures belong to benchmarks/bench_startup.py; here the test looks at
the modules a real run of the command left in ``sys.modules``, which does not depend on the
machine's load.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import clitools

from ltsa_desk.cli import parser as cli_parser
from ltsa_desk.services import reports

#: Run the real `main` in a fresh interpreter and write the top-level packages it loaded to a file
#: (stdout belongs to the verb).
LOADED = """
import json, sys
from ltsa_desk.cli import main
try:
    code = main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}, out)
"""

HEAVY_FOR_EVERY_VERB = {"alembic", "mako", "PySide6", "openpyxl", "reportlab"}
DATABASE_LIBRARIES = {"sqlalchemy", "sqlmodel", "pydantic", "httpx", "keyring", "cryptography"}


def _loaded(tmp_path: Path, *argv: str) -> tuple[int, set[str]]:
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


def test_version_loads_no_database_library(tmp_path: Path) -> None:
    code, modules = _loaded(tmp_path, "--version")
    assert code == 0
    assert not modules & (HEAVY_FOR_EVERY_VERB | DATABASE_LIBRARIES), sorted(modules)


def test_sync_status_loads_neither_alembic_nor_reports_nor_qt(
    tmp_path: Path, template_counter: Path
) -> None:
    code, modules = _loaded(
        tmp_path, "sync", "status", "--json", "--data-dir", str(template_counter)
    )
    assert code == 0
    assert "sqlalchemy" in modules  # it did open the database
    assert not modules & HEAVY_FOR_EVERY_VERB, sorted(modules & HEAVY_FOR_EVERY_VERB)


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
