"""The parts every verb of `ltsa-desk` is made of: the parser class, the options every verb
takes, the verb adder, and the options several verbs share.

Why apart from ``parser``: the verb table there reads as the list of verbs; what each verb is made
of (the data folder, `--json`, `--as` from the one permissions table, a secret on stdin, the
recovery key, a NIK or tracking code, `--limit`, `--timeout`) is made once, here.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from ltsa_desk.cli.output import EXIT_BAD_INPUT
from ltsa_desk.domain.permissions import roles_for, verb_operation

_MOST_ROWS = 10_000_000
"""Largest --limit: more rows than any office holds, and far inside a database's 64-bit integer
(99999999999999999999999 reached SQLite and came back as an OverflowError traceback)."""


class CommandParser(argparse.ArgumentParser):
    """Usage errors exit 2 (bad input), with the message in Indonesian."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: kesalahan: {message}\n")


def common_options(json_flag: bool = False) -> argparse.ArgumentParser:
    """Options every verb takes, after the verb as well as before it."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        help="data folder (default: LTSA_DATA_DIR or the platform's data folder)",
    )
    if json_flag:
        parent.add_argument("--json", action="store_true", help="print one JSON object")
    return parent


class VerbAdder:
    """Adds verbs to the command: each with the common options, its handler, its operation
    (from the one permissions table) and, when the operation needs a role, `--as USER`."""

    def __init__(self, parser: argparse.ArgumentParser, sub: Any) -> None:
        self.prog = parser.prog
        self.sub = sub
        self.common = common_options()
        self.with_json = common_options(json_flag=True)

    def group(self, name: str, help_text: str) -> Any:
        """A verb group (`config`, `user`, ...): its actions go in the returned subparsers."""
        group = self.sub.add_parser(name, help=help_text)
        return group.add_subparsers(
            dest=f"{name}_verb", metavar="ACTION", required=True, parser_class=CommandParser
        )

    def add(
        self,
        name: str,
        handler: str,
        help_text: str,
        *,
        json_flag: bool = False,
        parent: Any = None,
    ) -> argparse.ArgumentParser:
        verb = (self.sub if parent is None else parent).add_parser(
            name,
            help=help_text,
            description=help_text,
            parents=[self.with_json if json_flag else self.common],
        )
        verb.set_defaults(handler=handler)
        key = verb.prog.removeprefix(f"{self.prog} ")
        operation = verb_operation(key)
        verb.set_defaults(verb_key=key, operation=operation)
        if operation is not None:
            verb.add_argument(
                "--as",
                dest="as_user",
                default=None,
                metavar="USER",
                help="the account doing this (needs "
                f"{', '.join(sorted(roles_for(operation)))}); its password is the first line of "
                "stdin, or asked on a terminal",
            )
        return verb


def stdin_secret(verb: argparse.ArgumentParser, flag: str, help_text: str, **extra: Any) -> None:
    verb.add_argument(flag, action="store_true", help=help_text, **extra)


def recovery_key_options(
    verb: argparse.ArgumentParser, *, required: bool, key_help: str, stdin_help: str
) -> None:
    """`--recovery-key KEY` or `--recovery-key-stdin`, never both."""
    which = verb.add_mutually_exclusive_group(required=required)
    which.add_argument("--recovery-key", default=None, metavar="KEY", help=key_help)
    which.add_argument("--recovery-key-stdin", action="store_true", help=stdin_help)


def applicant_key(verb: argparse.ArgumentParser) -> None:
    verb.add_argument("key", metavar="NIK|TRACKING")


def limit_option(verb: argparse.ArgumentParser) -> None:
    verb.add_argument("--limit", type=_positive_int, default=1000)


def timeout_option(verb: argparse.ArgumentParser, default: float, help_text: str) -> None:
    verb.add_argument("--timeout", type=_positive_float, default=default, help=help_text)


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bukan angka: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("harus lebih dari 0")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bukan bilangan bulat: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("harus lebih dari 0")
    if value > _MOST_ROWS:
        raise argparse.ArgumentTypeError(f"paling banyak {_MOST_ROWS:_}".replace("_", "."))
    return value
