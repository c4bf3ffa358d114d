"""Random command lines for every verb: one line and an exit code of 0-4, never a traceback.

`applicant list --limit 99999999999999999999999` and `report export --from 0001-01-01` once
ended in Python tracebacks; an admin reads those as "the program is broken". The verbs are taken
from the real parser (a new verb is covered without touching this file), arguments are mixed
from each verb's own options, values that broke verbs before, paths and random text, and
`main()` runs in-process on an initialised counter so a few hundred command lines take seconds.

Left out: `gui` (opens a window), and `init`/`migrate-to`, whose random database URLs would
make this test wait on the network.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import clitools
import pytest
from cliauth import TEST_ADMIN, admin_line
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ltsa_desk.cli import main
from ltsa_desk.cli.parser import build_parser

SKIPPED_VERBS = {("gui",), ("init",), ("migrate-to",)}
ALLOWED_EXITS = {0, 1, 2, 3, 4}


def _verbs() -> dict[tuple[str, ...], dict[str, str]]:
    """Every leaf verb of the real parser: its options (``--data-dir`` aside) and their kinds."""
    found: dict[tuple[str, ...], dict[str, str]] = {}

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if subs:
            for name, child in subs[0].choices.items():
                walk(child, (*path, name))
            return
        if path in SKIPPED_VERBS:
            return
        options: dict[str, str] = {}
        for action in parser._actions:
            for option in action.option_strings:
                if option in ("-h", "--help", "--data-dir"):
                    continue
                kind = getattr(action.type, "__name__", "")
                if option in ("--from", "--to"):
                    kind = "date"
                options[option] = "flag" if action.nargs == 0 else kind or "text"
        found[path] = options

    walk(build_parser(), ())
    return found


VERBS = _verbs()

# Values that broke a verb once, or sit on an edge of one.
EDGES = [
    "99999999999999999999999", "-99999999999999999999999", "-1", "0", "1", "1e308", "nan",
    "inf", "-inf", "0001-01-01", "9999-12-31", "31-02-2026", "2026-05-31", "", " ", "-", "--",
    "5203011205900001", "LOTIM-01-2026-00001", "registry", "immigration", "admin", "officer",
    "placements", "sync", "outages", "documents", "csv", "xlsx", "pdf", ";", ",", "nik=1",
    "full_name=A<B>", "birth_date=0001-01-01", "x" * 300, "Nur\u2019aini", "\u00e9\u00e8",
]


@pytest.fixture(scope="module")
def counter(
    copy_counter: Callable[[], Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, Path]]:
    """A counter made by `ltsa-desk init`, and a folder of files to name on command lines."""
    folder = copy_counter()
    files = tmp_path_factory.mktemp("fuzzfiles")
    (files / "register.csv").write_text("nik;nama\r\n1;A\r\n", encoding="utf-8")
    (files / "empty.xlsx").write_bytes(b"")
    (files / "folder").mkdir()
    yield folder, files


def _environment(monkeypatch: pytest.MonkeyPatch, files: Path) -> None:
    """The same home and keyring the counter was initialised with (see clitools.base_env), and
    a working folder of its own: a random word is often a relative output path (backup --out 1)
    and must not land in the checkout."""
    cwd = files / "cwd"
    cwd.mkdir(exist_ok=True)
    monkeypatch.chdir(cwd)
    for name, value in clitools.base_env().items():
        if name in {"HOME", "USERPROFILE", "PYTHON_KEYRING_BACKEND"} or name.startswith("XDG_"):
            monkeypatch.setenv(name, value)


def _call(argv: list[str], input: str = "") -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(sys, "stdin", io.StringIO(input))
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse's own refusals
            code = exc.code if isinstance(exc.code, int) else 2
        except BaseException as exc:  # what escapes main() is a traceback
            raise AssertionError(f"{argv!r} raised {exc!r}\n{err.getvalue()}") from exc
    return code, out.getvalue() + err.getvalue()


NUMBERS = st.one_of(
    st.integers().map(str),
    st.integers(min_value=2**31).map(str),
    st.floats().map(str),
    st.sampled_from(["99999999999999999999999", "1e308", "-1", "0", "nan", "inf", "1_0"]),
)
DATES = st.one_of(
    st.dates().map(date.isoformat),
    st.dates().map(lambda d: d.strftime("%d-%m-") + str(d.year)),
    st.sampled_from(["0001-01-01", "9999-12-31", "31-02-2026", "2026-13-01", "00-00-0000"]),
)


@st.composite
def command_lines(draw: st.DrawFn, verb: tuple[str, ...], files: Path) -> list[str]:
    options = VERBS[verb]
    paths = [str(files / name) for name in ("register.csv", "empty.xlsx", "folder", "new.out")]
    anything = st.one_of(
        st.sampled_from(EDGES),
        st.sampled_from(paths),
        st.text(
            alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            max_size=12,
        ),
    )
    words: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        if options and draw(st.integers(0, 3)):  # three times in four an option
            option = draw(st.sampled_from(sorted(options)))
            words.append(option)
            kind = options[option]
            if kind == "flag":
                continue
            own = {"date": DATES, "_positive_int": NUMBERS, "_positive_float": NUMBERS}
            if kind in own and draw(st.integers(0, 3)):
                words.append(draw(own[kind]))
            else:
                words.append(draw(anything))
        else:
            words.append(draw(anything))  # a positional argument, or a stray word
    return [*verb, *words]


@pytest.mark.parametrize("verb", sorted(VERBS), ids=" ".join)
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_command_lines_end_in_one_line_and_a_known_exit(
    verb: tuple[str, ...],
    data: st.DataObject,
    counter: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, files = counter
    _environment(monkeypatch, files)
    argv = [*data.draw(command_lines(verb, files)), "--data-dir", str(folder)]
    code, output = _call(argv)
    assert "Traceback" not in output, f"{argv!r}\n{output}"
    assert code in ALLOWED_EXITS, f"{argv!r} exited {code}\n{output}"


@pytest.mark.parametrize(
    "argv",
    [
        ["applicant", "list", "--limit", "99999999999999999999999"],
        ["sync", "list", "--limit", "99999999999999999999999"],
        ["report", "export", "--kind", "placements", "--from", "0001-01-01", "--to",
         "9999-12-31", "--format", "xlsx", "--out", "{files}/r.xlsx"],
        ["report", "export", "--kind", "sync", "--from", "2026-01-01", "--to", "9999-12-31",
         "--format", "csv", "--out", "{files}/r.csv"],
    ],
)
def test_the_issues_command_lines_are_refused_in_one_line(
    argv: list[str], counter: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, files = counter
    _environment(monkeypatch, files)
    argv = [a.format(files=files) for a in argv]
    code, output = _call([*argv, "--data-dir", str(folder)])
    assert code == 2, output
    assert "Traceback" not in output
    assert output.strip().splitlines()[-1].startswith("ltsa-desk"), output


def test_the_counter_opens_in_process(
    counter: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fuzzing above reaches the verbs: the counter's database opens in this process."""
    folder, files = counter
    _environment(monkeypatch, files)
    code, output = _call(
        ["applicant", "list", "--json", "--as", TEST_ADMIN, "--data-dir", str(folder)],
        input=admin_line(None),
    )
    assert code == 0, output
