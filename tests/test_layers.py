"""The layer rules of DESIGN.md hold: import-linter's contracts in pyproject.toml.

The window may not reach the store or the sync engine's internals, services no Qt, sync nothing
of the application, domain nothing at all, the command line only operations and services. No
contract lists a crossing to remove any more (the keyring contract's two `ignore_imports` are its
two homes, by design); any new crossing fails here.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import tomli_w

ROOT = Path(__file__).resolve().parents[1]


def lint_imports(config_filename: str) -> int:
    """import-linter's exit code, in a process of its own: run in the test process, it left
    logging so that later ``caplog`` tests of the same worker saw no records."""
    check = (
        "import sys; from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(config_filename=sys.argv[1]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", check, config_filename],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(done.stdout[-4000:], done.stderr[-4000:])
    return done.returncode


def test_the_layer_contracts_are_kept() -> None:
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0


def test_a_crossing_not_listed_breaks_its_contract(tmp_path: Path) -> None:
    """The contracts see real imports: forbid the window one it really makes and it is caught.

    (It used to drop a listed crossing of the set-up wizard; the house plan removed them all.)
    """
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    window = next(
        c
        for c in config["tool"]["importlinter"]["contracts"]
        if c["source_modules"] == ["ltsa_desk.ui"]
    )
    window["forbidden_modules"] = [*window["forbidden_modules"], "ltsa_desk.services"]
    changed = tmp_path / "contracts.toml"
    changed.write_text(tomli_w.dumps(config), encoding="utf-8")
    assert lint_imports(config_filename=str(changed)) == 1
