"""Starting the window on a counter's data folder: one program per folder, and the problems an
opening may meet, named as the window handles them.

The window holds the folder for as long as it runs (a second start is refused with
`DataFolderBusy`, whose message names who holds it), and tells a shared office's unreachable
server (`OfficeServerUnreachable`: wait for it, never fork the office) from any other database
problem (`DatabaseProblem`: say it and stop). The store defines them; the window imports them from
here, as it reaches the store only through the services.
"""

from __future__ import annotations

from pathlib import Path

from ltsa_desk.store.lock import DataFolderBusy, DataFolderLock
from ltsa_desk.store.problems import DatabaseProblem, OfficeServerUnreachable

__all__ = [
    "DataFolderBusy",
    "DatabaseProblem",
    "OfficeServerUnreachable",
    "hold_data_folder",
]

FOLDER_WAIT_S = 1.0  # another program holding the folder is said at once, not waited for


def hold_data_folder(data_dir: Path) -> DataFolderLock:
    """The data folder held for this program (release it when the window closes); raises
    `DataFolderBusy` when another program holds it."""
    lock = DataFolderLock(data_dir)
    lock.acquire(timeout=FOLDER_WAIT_S)
    return lock
