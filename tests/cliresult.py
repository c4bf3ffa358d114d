"""What a test gets back from running the real `ltsa-desk` in a fresh process.

One class for every test folder that drives the command (cli, care, shared, sync, bundle), so a
failed assertion prints the same full account everywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CliResult:
    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str
    seconds: float | None = None

    def __str__(self) -> str:
        took = "" if self.seconds is None else f" in {self.seconds:.1f} s"
        return (
            f"ltsa-desk {' '.join(self.args)} -> exit {self.code}{took}\n"
            f"--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"
        )

    def json(self) -> dict[str, Any]:
        value = json.loads(self.stdout)
        assert isinstance(value, dict), str(self)
        return value
