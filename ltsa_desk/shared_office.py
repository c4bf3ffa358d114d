"""A desk of an office whose counters share one PostgreSQL database: how it connects.

Why the connection options live here and not in the URL: the URL is written to ``config.toml``
and shown in messages, and a password or a certificate path inside it would travel with every
copy of the configuration. So ``database.url`` names only the server, the role and the database;
the TLS options are their own configuration keys, and the password (when the office's
``pg_hba.conf`` asks for one) lives in the OS keyring as ``database@<office code>``, the same
form as a destination's token (DESIGN.md), set with ``ltsa-desk credentials set database
--token-stdin``. All of it is handed to libpq as connection parameters.

Why a short connect timeout and TCP keepalives: libpq waits for the operating system's TCP
timeout (minutes) when the server PC is off; a desk must instead say within seconds that the
office server cannot be reached, and a connection whose server vanished must be noticed (the
LISTEN connection in particular sits idle for hours).
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from typing import Any

from ltsa_desk.config import Config
from ltsa_desk.store.database import sqlite_path
from sync.credentials import NoKeyring, get_token, set_token

PASSWORD_ENTRY = "database"
"""Keyring user ``database@<office code>`` (service ``ltsa-desk``): the office server's password."""


def is_shared(config: Config) -> bool:
    """Whether this desk works on a shared office server (not a local SQLite file)."""
    return sqlite_path(config.database_url()) is None


def connect_args(config: Config) -> dict[str, Any]:
    """libpq connection parameters for the configured office server ({} for SQLite)."""
    if not is_shared(config):
        return {}
    args: dict[str, Any] = {
        "connect_timeout": max(1, round(float(config.get("database.connect_timeout")))),
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        # Shown in pg_stat_activity: the technician sees which desk holds which connection.
        "application_name": f"ltsa-desk {config.get('counter.id') or ''}".strip()[:63],
    }
    sslmode = config.get("database.sslmode")
    if sslmode:
        args["sslmode"] = sslmode
    rootcert = config.get("database.sslrootcert")
    if rootcert:
        args["sslrootcert"] = str(rootcert)
    password = database_password(config.office_code)
    if password:
        args["password"] = password
    return args


def database_password(office_code: str) -> str | None:
    """The office server's password from the keyring, or None (trust or certificate login)."""
    try:
        return get_token(PASSWORD_ENTRY, office_code)
    except NoKeyring:
        return None


def store_database_password(office_code: str, password: str) -> None:
    """Keep the office server's password in this Windows account's keyring (nowhere else)."""
    set_token(PASSWORD_ENTRY, office_code, password)


def desk_host() -> str:
    """This PC's name, recorded when the desk joins (tells the technician which PC is which)."""
    return socket.gethostname()[:100]


@dataclass(frozen=True)
class ServerCheck:
    """What setting a desk up on this server would do, found without writing anything.

    ``action``: ``create`` (an empty database: this desk makes the office's tables), ``join``
    (the office is there and the counter id is free), ``refuse`` (another office, or the counter
    id is taken) or ``unreachable`` (no answer, login refused, TLS failed). ``message`` is the
    Indonesian sentence for the set-up wizard.
    """

    action: str
    message: str
    office_code: str | None = None
    desks: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.action in {"create", "join"}


def check_office_server(
    url: str,
    office_code: str,
    counter_id: str,
    *,
    sslmode: str = "",
    sslrootcert: str = "",
    password: str | None = None,
    timeout_s: float = 5.0,
) -> ServerCheck:
    """The set-up wizard's connection test for "Kantor dengan beberapa loket (server bersama)".

    Connects with exactly the options the desk will use, reads the office's ``meta`` and
    ``office_desk`` rows if there are any, and says what ``initialise`` would do. Read only.
    """
    from sqlalchemy import create_engine, inspect, text

    from ltsa_desk.store.database import server_label
    from ltsa_desk.store.problems import describe_server_failure

    args: dict[str, Any] = {"connect_timeout": max(1, round(timeout_s))}
    if sslmode:
        args["sslmode"] = sslmode
    if sslrootcert:
        args["sslrootcert"] = sslrootcert
    if password:
        args["password"] = password
    engine = create_engine(url, connect_args=args, hide_parameters=True)
    try:
        try:
            connection = engine.connect()
        except Exception as exc:
            reason = str(getattr(exc, "orig", None) or exc)
            return ServerCheck("unreachable", describe_server_failure(server_label(url), reason))
        with connection:
            if not inspect(connection).has_table("meta"):
                return ServerCheck(
                    "create",
                    "Server menjawab dan basis datanya masih kosong: loket ini akan membuat "
                    f"basis data kantor {office_code}.",
                )
            meta = dict(connection.execute(text("SELECT key, value FROM meta")).all())
            found = meta.get("office_code")
            desks: tuple[str, ...] = ()
            if inspect(connection).has_table("office_desk"):
                desks = tuple(
                    connection.execute(
                        text("SELECT counter_id FROM office_desk ORDER BY counter_id")
                    ).scalars()
                )
            elif meta.get("counter_id"):
                desks = (meta["counter_id"],)
    finally:
        engine.dispose()
    if found != office_code:
        return ServerCheck(
            "refuse",
            f"Basis data di server ini milik kantor {found}, bukan {office_code}. Periksa alamat "
            "server dan nama basis datanya.",
            found,
            desks,
        )
    if counter_id.strip().upper() in desks:
        return ServerCheck(
            "refuse",
            f"Kode loket {counter_id.upper()} sudah dipakai di kantor ini (loket terdaftar: "
            f"{', '.join(desks)}). Pilih kode loket lain.",
            found,
            desks,
        )
    return ServerCheck(
        "join",
        f"Server menjawab: loket ini akan bergabung ke kantor {found} (loket terdaftar: "
        f"{', '.join(desks) or '-'}).",
        found,
        desks,
    )
