"""A desk of an office whose counters share one PostgreSQL database: how it connects.

Why the connection options live here and not in the URL: the URL is written to ``config.toml``
and shown in messages, and a password or a certificate path inside it would travel with every
copy of the configuration. So ``database.url`` names only the server, the role and the database;
the TLS options are their own configuration keys, and the password (when the office's
``pg_hba.conf`` asks for one) lives in the OS keyring as ``database@<office code>``, the same
form as a destination's token (DESIGN.md; :mod:`ltsa_desk.counter.keyring_home` keeps it), set
with ``ltsa-desk credentials set database --token-stdin``. All of it is handed to libpq as
connection parameters.

Why a short connect timeout and TCP keepalives: libpq waits for the operating system's TCP
timeout (minutes) when the server PC is off; a desk must instead say within seconds that the
office server cannot be reached, and a connection whose server vanished must be noticed (the
LISTEN connection in particular sits idle for hours).

Why the password is guarded three ways: ``config.toml`` sits in a data folder every local Windows
user may edit, and the next command (or the scheduled ``sync run``, with nobody at the desk)
would otherwise hand the office password to whatever server the file names.

- It is bound to the server it was entered for (host, port, database: a second keyring entry
  ``database#server@<office code>``, as destination tokens are bound to their address). A
  changed ``database.url`` stops the desk with a clear message instead of sending it; a password
  stored by an older version binds to the first server it is used with.
- libpq is told never to answer a cleartext or MD5 password request (``require_auth``), so even
  the right address cannot get the password itself out of the desk; SCRAM proves knowledge of
  the password without sending it.
- A server that is not on this PC is reached only over TLS that checks the server's
  certificate and name (``sslmode=verify-full``), whatever ``database.sslmode`` says or does not
  say: removing the key from the file cannot lower it. The same PC (loopback, a local socket)
  is exempt: nothing crosses a network there.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Any

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from ltsa_desk.counter import keyring_home
from ltsa_desk.counter.config import Config
from ltsa_desk.store.database import server_label, sqlite_path
from ltsa_desk.store.problems import DatabaseProblem, describe_server_failure

REQUIRE_AUTH = "!password,!md5"
"""libpq's ``require_auth``: refuse a server that asks for the password in clear or as MD5 (an
MD5 answer can be cracked offline and replayed as the password's equal). SCRAM, certificates and
trust stay possible; the office server uses ``scram-sha-256`` (README)."""

REMOTE_SSLMODE = "verify-full"

# Connection options a URL's query could carry to send libpq elsewhere, or to lower what the
# desk requires, behind the address the binding checks.
_GUARDED_OPTIONS = frozenset(
    {
        "host",
        "hostaddr",
        "port",
        "dbname",
        "service",
        "servicefile",
        "passfile",
        "password",
        "require_auth",
        "sslmode",
        "sslrootcert",
        "sslnegotiation",
        "gssencmode",
        "channel_binding",
        "target_session_attrs",
    }
)


class PasswordElsewhere(DatabaseProblem):
    """``database.url`` names another server than the one the keyring's password is for."""


def server_of(url: str) -> str:
    """``host:port/database`` of a PostgreSQL URL: what the office password is bound to."""
    parsed = make_url(url)
    guarded = sorted(_GUARDED_OPTIONS & {name.lower() for name in parsed.query})
    if guarded:
        raise DatabaseProblem(
            f"database.url tidak boleh memuat {', '.join(guarded)} di bagian '?...': alamat "
            "server, port dan basis data ditulis di alamatnya sendiri, dan TLS di "
            "database.sslmode / database.sslrootcert. Teknisi: perbaiki database.url."
        )
    host = (parsed.host or "").lower() or "localhost"
    return f"{host}:{parsed.port or 5432}/{parsed.database or ''}"


def is_same_pc(url: str) -> bool:
    """Whether the server is this PC (loopback address or a local socket): no network between."""
    host = (make_url(url).host or "").strip("[]").lower()
    if not host or host.startswith("/") or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_server_url(url: str | None) -> bool:
    """Whether a database URL typed at set-up names a server (a shared office), not a SQLite
    file; text that is no URL at all is not one (the lone counter's set-up names its problem)."""
    if not url:
        return False
    try:
        return sqlite_path(url) is None
    except Exception:
        return False


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
    url = config.database_url()
    server_of(url)  # refuses options hidden in the URL's query
    sslmode = config.get("database.sslmode")
    if not is_same_pc(url):
        sslmode = REMOTE_SSLMODE
    if sslmode:
        args["sslmode"] = sslmode
    rootcert = config.get("database.sslrootcert")
    if rootcert:
        args["sslrootcert"] = str(rootcert)
    args["require_auth"] = REQUIRE_AUTH
    password = password_for(config.office_code, url)
    if password:
        args["password"] = password
    return args


def password_for(office_code: str, url: str) -> str | None:
    """The office password, only for the server it was entered for (None when none is stored).

    An unbound password (stored by an older version) binds to this server, its first use.
    Raises :class:`PasswordElsewhere` when ``url`` names another server: nothing is sent.
    """
    password = database_password(office_code)
    if not password:
        return None
    wanted = server_of(url)
    try:
        bound = keyring_home.office_password_server(office_code)
    except keyring_home.NoKeyring:
        bound = None
    if not bound:
        keyring_home.bind_office_password(office_code, wanted)
        return password
    if bound != wanted:
        raise PasswordElsewhere(
            f"Kata sandi server basis data kantor {office_code} disimpan untuk server {bound}, "
            f"tetapi database.url sekarang menunjuk {wanted}. Kata sandi tidak dikirim ke server "
            "lain. Teknisi: bila server kantor memang pindah, simpan ulang kata sandinya dengan "
            "'ltsa-desk credentials set database --token-stdin'; bila tidak, kembalikan "
            "database.url."
        )
    return password


def database_password(office_code: str) -> str | None:
    """The office server's password from the keyring, or None (trust or certificate login)."""
    try:
        return keyring_home.office_password(office_code)
    except keyring_home.NoKeyring:
        return None


def store_database_password(office_code: str, password: str, *, url: str | None = None) -> None:
    """Keep the office server's password in this Windows account's keyring (nowhere else),
    bound to the server of ``url``; without ``url`` it binds to the first server it is used with.
    """
    keyring_home.store_office_password(office_code, password)
    keyring_home.bind_office_password(office_code, server_of(url) if url else "")


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
    args: dict[str, Any] = {
        "connect_timeout": max(1, round(timeout_s)),
        "require_auth": REQUIRE_AUTH,
    }
    try:
        server_of(url)
    except DatabaseProblem as exc:
        return ServerCheck("unreachable", str(exc))
    if not is_same_pc(url):
        sslmode = REMOTE_SSLMODE  # as the desk will connect (connect_args)
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
