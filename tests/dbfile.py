"""Reading a counter's encrypted database file directly, as a technician holding the keyring could.

In-process tests use the file keyring their own (isolated) XDG_DATA_HOME points at; the connection
is plain sqlcipher3 with the key as its first statement, not the application's engine, so a test
sees the bytes on disk and not what the application believes about them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import keyring
import sqlcipher3.dbapi2 as sqlcipher


def database_key(data_dir: Path) -> str:
    """The hex key of the folder's database, from the keyring of the current environment."""
    config = tomllib.loads((data_dir / "config.toml").read_text(encoding="utf-8"))
    database_id = config["database"]["id"]
    key = keyring.get_password("ltsa-desk", f"db-key@{database_id}")
    assert key is not None, f"no db-key@{database_id} in the test keyring"
    return key


def connect(data_dir: Path, path: Path | None = None, **kwargs: Any) -> Any:
    """A sqlcipher3 connection to the folder's database (or to ``path``, e.g. a backup copy
    encrypted with the same key); ``kwargs`` go to ``connect`` (timeout, isolation_level)."""
    connection = sqlcipher.connect(str(path or data_dir / "ltsa.sqlite"), **kwargs)
    connection.execute(f"PRAGMA key = \"x'{database_key(data_dir)}'\"")
    return connection
