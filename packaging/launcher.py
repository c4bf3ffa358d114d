"""Entry script of every program in the frozen LTSA Desk folder.

One script for all three executables (``LTSA Desk``, ``ltsa-desk-cli``, ``ltsa-sim``): they share
one analysis, one Python archive and one ``_internal`` folder, so the build analyses the code once
and the programs can never disagree about which modules they carry. The program's own file name
says what to run:

- ``ltsa-sim``: the reference server (training mode starts it beside the window);
- ``ltsa-desk-cli``: the ``ltsa-desk`` command with a console, for technicians and scripts;
- anything else (``LTSA Desk``): the same command without a console. With no verb it opens the
  counter window; with a verb (the scheduled ``sync run``) it runs it without flashing a console
  window over the officer's work every 15 minutes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

SIM_NAME = "ltsa-sim"
CLI_NAME = "ltsa-desk-cli"


def program_name(executable: str) -> str:
    """The executable's name without folder and ``.exe``, lower case (Windows ignores case)."""
    name = Path(executable.replace("\\", "/")).name.lower()
    return name.removesuffix(".exe")


def choose(executable: str) -> str:
    """``"sim"``, ``"cli"`` or ``"gui"`` for an executable path."""
    name = program_name(executable)
    if name == SIM_NAME:
        return "sim"
    if name == CLI_NAME:
        return "cli"
    return "gui"


def _ensure_std_streams() -> None:
    """A windowed program has no console: ``sys.stdout``/``stderr`` are None there, and any
    print or argparse message would crash. Send them to the null device instead; the log file
    in the data folder keeps what matters."""
    for name in ("stdin", "stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "r" if name == "stdin" else "w"))  # noqa: SIM115


def verb_of(args: list[str]) -> str | None:
    """The verb on a command line (``sync`` in ``--data-dir D sync run``), or None."""
    skip_next = False
    for arg in args:
        if skip_next:
            skip_next = False
        elif arg == "--data-dir":
            skip_next = True
        elif not arg.startswith("-"):
            return arg
    return None


def _entry(kind: str) -> Callable[[], int]:
    if kind == "sim":
        from sync.sim.cli import main as sim_main

        return sim_main
    from ltsa_desk.cli import main as desk_main

    return desk_main


def main() -> int:
    kind = choose(sys.executable)
    if kind != "gui":
        return _entry(kind)()
    _ensure_std_streams()
    verb = verb_of(sys.argv[1:])
    if verb is None or verb == "gui":
        # An unexpected error at start shows PyInstaller's traceback dialog: the technician
        # needs to see why the window did not open.
        return _entry(kind)()
    try:
        return _entry(kind)()
    except Exception:
        # A verb without a console (the scheduled sync): no dialog may pop up over the
        # officer's work; `ltsa-desk` has already written the traceback to its log file.
        return 1


if __name__ == "__main__":
    sys.exit(main())
