"""Running the real `ltsa-desk` command in a subprocess, and looking at what it left behind.

The CLI tests drive the command exactly as a technician or a script would: a fresh Python process,
arguments, environment and stdin, then the exit code, stdout and stderr. What a verb saved is read
straight from the database file, never through the application's own code: with sqlcipher3 (the
SQLite build with SQLCipher) and the key the run's file keyring holds for the folder's database id,
exactly what a technician with the keyring could do.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from functools import partial
from pathlib import Path
from typing import IO, Any

import sqlcipher3.dbapi2 as sqlite3
from cliauth import add_admin_command, admin_line, as_admin
from cliresult import CliResult
from desktools import home_env
from keyrings.alt.file import PlaintextKeyring

DATABASE_FILE = "ltsa.sqlite"
CONFIG_FILE = "config.toml"

# Valid NIKs for office 52.03 (Lombok Timur).
NIK_MALE = "5203011205900001"  # male, born 12-05-1990
NIK_MALE_2 = "5203011205900005"  # another man born the same day
NIK_FEMALE = "5203015205950002"  # female, born 12-05-1995 (day + 40)
NIK_OTHER_REGENCY = "5201011205900004"  # Lombok Barat: accepted with a warning
NIK_BAD_PROVINCE = "9903011205900001"

# Set by the session fixture in conftest.py: the HOME every subprocess gets unless told otherwise,
# so no run ever touches the real user's data folder or keyring, even from module-scoped fixtures.
isolated_home: Path | None = None


class Result(CliResult):
    """The command's result, with the stricter checks the CLI's own tests make."""

    def json(self) -> dict[str, Any]:
        """stdout must be exactly one JSON object and nothing else."""
        assert self.stdout.strip(), f"no JSON on stdout\n{self}"
        try:
            value = json.loads(self.stdout)
        except json.JSONDecodeError as exc:
            raise AssertionError(f"stdout is not exactly one JSON value ({exc})\n{self}") from exc
        assert isinstance(value, dict), f"stdout JSON is not an object\n{self}"
        return value

    def error(self) -> dict[str, Any]:
        """A refusal with --json: exit 2, `{"error": {...}}` on stdout, the message on stderr."""
        assert self.code == 2, str(self)
        payload = self.json()
        assert set(payload) == {"error"}, str(self)
        error = payload["error"]
        assert isinstance(error, dict) and error.get("message"), str(self)
        assert error["message"] in self.stderr, f"message not on stderr\n{self}"
        assert "Traceback" not in self.stderr, str(self)
        return error

    def usage_error(self) -> None:
        """argparse refused the command line: exit 2, usage on stderr, nothing on stdout."""
        assert self.code == 2, str(self)
        assert self.stdout == "", str(self)
        assert "usage:" in self.stderr, str(self)
        assert "Traceback" not in self.stderr, str(self)


def base_env(home: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("LTSA_DATA_DIR", None)
    home = home or isolated_home
    assert home is not None, "tests/cli/conftest.py sets the isolated home"
    env.update(
        home_env(home),
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        QT_QPA_PLATFORM="offscreen",
        PYTHONIOENCODING="utf-8",
    )
    return env


def run(
    *args: str | Path,
    data_dir: Path | None = None,
    env_data_dir: Path | str | None = None,
    input: str | None = None,
    stdin: int | IO[Any] | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
    auth: bool = True,
) -> Result:
    """Run `python -m ltsa_desk ARGS [--data-dir DIR]`; stdin is empty unless `input` is given.

    A verb that needs an account runs as the test admin (tests/cliauth.py), unless the test
    names its own `--as` or says ``auth=False``."""
    argv = [str(a) for a in args]
    if auth and stdin is None:
        folder = data_dir if data_dir is not None else env_data_dir
        argv, input = as_admin(
            argv,
            input,
            Path(folder) if folder is not None else None,
            lambda: run(
                *add_admin_command(),
                data_dir=data_dir,
                env_data_dir=env_data_dir,
                input=admin_line(None),
                env=env,
                auth=False,
            ),
        )
    if data_dir is not None:
        argv += ["--data-dir", str(data_dir)]
    full_env = base_env()
    if env:
        full_env.update(env)
    if env_data_dir is not None:
        full_env["LTSA_DATA_DIR"] = str(env_data_dir)
    completed = subprocess.run(
        [sys.executable, "-m", "ltsa_desk", *argv],
        input=input,
        stdin=None if input is not None else (stdin if stdin is not None else subprocess.DEVNULL),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        cwd=cwd,
        timeout=timeout,
    )
    return Result(tuple(argv), completed.returncode, completed.stdout, completed.stderr)


def parallel(*calls: Callable[[], Result]) -> list[Result]:
    """Several independent runs at once (each process start costs about half a second)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(call) for call in calls]
        return [future.result() for future in futures]


def run_many(
    commands: Sequence[Sequence[str | Path]],
    *,
    data_dir: Path | None = None,
    inputs: Sequence[str | None] | None = None,
) -> list[Result]:
    """The same as `run` for each command, all at once; results in the order of `commands`."""
    inputs = inputs or [None] * len(commands)
    assert len(inputs) == len(commands)
    return parallel(
        *(
            partial(run, *command, data_dir=data_dir, input=text)
            for command, text in zip(commands, inputs, strict=True)
        )
    )


# --- looking at a data folder ---------------------------------------------------------------------


def keyring_file(home: Path | None = None) -> Path:
    """Where keyrings.alt's PlaintextKeyring keeps entries for runs with this HOME."""
    home = home or isolated_home
    assert home is not None
    if sys.platform == "win32":
        return home / "AppData" / "Local" / "Python Keyring" / "keyring_pass.cfg"
    return home / ".local" / "share" / "python_keyring" / "keyring_pass.cfg"


def database_key(data_dir: Path, home: Path | None = None) -> str | None:
    """The hex database key the runs' keyring holds for this folder (None: no entry)."""
    config = tomllib.loads((data_dir / CONFIG_FILE).read_text(encoding="utf-8"))
    database_id = config["database"]["id"]
    keyring = PlaintextKeyring()
    keyring.file_path = str(keyring_file(home))
    return keyring.get_password("ltsa-desk", f"db-key@{database_id}")


def connect(data_dir: Path, home: Path | None = None) -> sqlite3.Connection:
    path = data_dir / DATABASE_FILE
    assert path.is_file(), f"no database at {path}"
    key = database_key(data_dir, home)
    assert key is not None, f"no key in the test keyring for {data_dir}"
    connection = sqlite3.connect(str(path))
    connection.execute(f"PRAGMA key = \"x'{key}'\"")
    return connection


def query(data_dir: Path, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    with closing(connect(data_dir)) as connection:
        return list(connection.execute(sql, params).fetchall())


def count(data_dir: Path, table: str) -> int:
    return int(query(data_dir, f"SELECT count(*) FROM {table}")[0][0])


def db_state(data_dir: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: two equal states mean nothing was saved in between."""
    with closing(connect(data_dir)) as connection:
        tables = [
            name
            for (name, sql) in connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
            if not name.startswith("sqlite_")
            and not (sql or "").upper().startswith("CREATE VIRTUAL")
        ]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }


def audit_entries(data_dir: Path, action_prefix: str = "") -> list[dict[str, Any]]:
    rows = query(
        data_dir,
        "SELECT actor, action, entity, entity_id, before, after FROM audit_log "
        "WHERE action LIKE ? ORDER BY rowid",
        (f"{action_prefix}%",),
    )
    return [
        {
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "before": json.loads(before) if before else None,
            "after": json.loads(after) if after else None,
        }
        for actor, action, entity, entity_id, before, after in rows
    ]


def applicants(data_dir: Path) -> dict[str, dict[str, Any]]:
    """Applicant rows by NIK, as stored."""
    with closing(connect(data_dir)) as connection:
        connection.row_factory = sqlite3.Row
        return {row["nik"]: dict(row) for row in connection.execute("SELECT * FROM applicant")}


def files(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes: equal snapshots mean nothing was touched."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def write_csv(
    path: Path, rows: Sequence[Sequence[str]], *, delimiter: str = ";", bom: bool = False
) -> Path:
    """A register as an office's Excel saves it (CRLF, optional BOM, `;` or `,`)."""
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    return path


def seal_config(data_dir: Path, home: Path | None = None) -> None:
    """Seal ``config.toml`` as LTSA Desk's own writer does, for the account whose HOME is ``home``
    (default: the runs' HOME). A folder a test made in-process was sealed with the pytest
    process's keyring; the runs check it with theirs, and refuse a file another account sealed."""
    from ltsa_desk.counter.config import Config

    home = home or isolated_home
    assert home is not None
    variables = home_env(home)
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        Config.load(data_dir, verify=False).save()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
