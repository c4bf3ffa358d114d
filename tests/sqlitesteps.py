"""SQLite's own step count of what a function reads: a cost the machine's load does not move, so
a test can compare it between a small and a big history instead of timing anything."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Engine, event

T = TypeVar("T")


def sqlite_steps(engine: Engine, read: Callable[[], T]) -> tuple[int, T]:
    """The virtual-machine steps of the statements `read` runs on `engine`, on whichever pooled
    connection runs them, and what `read` returned."""
    count = 0

    def tick() -> int:
        nonlocal count
        count += 1
        return 0

    def counting(conn: Any, *_args: Any) -> None:
        conn.connection.driver_connection.set_progress_handler(tick, 1)

    def done(conn: Any, *_args: Any) -> None:
        conn.connection.driver_connection.set_progress_handler(None, 1)

    event.listen(engine, "before_cursor_execute", counting)
    event.listen(engine, "after_cursor_execute", done)
    try:
        found = read()
    finally:
        event.remove(engine, "before_cursor_execute", counting)
        event.remove(engine, "after_cursor_execute", done)
    return count, found
