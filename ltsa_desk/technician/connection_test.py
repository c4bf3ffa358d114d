"""Testing the line to each remote system, and saying exactly what failed.

Why not reuse the sync transport's verdicts: the engine only needs "retry later" versus "refused",
but a technician at the counter with a USB stick needs to know *which* layer broke, because each
has a different fix: a misspelt host name (DNS), https against a plain server or a wrong clock
(TLS), nothing listening on the port (refused), a firewall that swallows packets (timeout), a base
URL without ``/registry`` (wrong path, 404), or a revoked token (401). So the test walks the layers
in order and stops at the first that fails:

1. the URL itself (set, http or https);
2. DNS: the host name resolves;
3. ``GET <url>/health`` without a token: TCP, TLS and the path (the health answer of the reference
   server also names the system it plays, so a registry URL pointing at immigration is caught);
4. an authenticated look-up of a client reference that cannot exist: 401/403 means the token is
   refused, a "not found" for that reference means the token was accepted.

Used by the set-up wizard (off the GUI thread), ``ltsa-desk credentials test`` and ``doctor``
(health only, short timeout). No Qt; tokens are passed in memory and never logged (each one is
registered with the log filter before any request).
"""

from __future__ import annotations

import concurrent.futures
import email.utils
import ipaddress
import logging
import socket
import ssl
import time
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from ltsa_desk.counter.config import Config
from ltsa_desk.counter.logging_setup import remember_secret
from sync.credentials import NoKeyring, bound_origin, get_token, origin_of

log = logging.getLogger(__name__)

DESTINATIONS = ("registry", "immigration")
DESTINATION_LABELS = {"registry": "Registri pusat", "immigration": "Imigrasi"}
LOOKUP_PATHS = {"registry": "/v1/workers", "immigration": "/v1/passport-applications"}
DEFAULT_TIMEOUT_S = 5.0

# What failed, as a stable word for scripts (--json) and tests; the detail says it in Indonesian.
OK = "ok"
NO_URL = "no_url"
BAD_URL = "bad_url"
DNS = "dns"
TLS = "tls"
REFUSED = "refused"
UNREACHABLE = "unreachable"
TIMEOUT = "timeout"
CUT = "cut"
WRONG_PATH = "wrong_path"
SERVER = "server"
NO_TOKEN = "no_token"
AUTH = "auth"
NO_KEYRING = "no_keyring"
TOKEN_ELSEWHERE = "token_elsewhere"


@dataclass(frozen=True)
class DestinationCheck:
    """The outcome for one destination: ``problem`` is ``ok`` or the layer that failed."""

    destination: str
    url: str
    ok: bool
    problem: str
    detail: str
    status: int | None = None
    elapsed_ms: int = 0
    server_time: str | None = None
    """The server's ``Date`` header (UTC, ISO 8601) when it answered: doctor's clock check."""
    token_checked: bool = False

    @property
    def label(self) -> str:
        return DESTINATION_LABELS.get(self.destination, self.destination)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _host_port(url: httpx.URL) -> tuple[str, int]:
    port = url.port or (443 if url.scheme == "https" else 80)
    return url.host, port


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _resolve(host: str, port: int, timeout: float) -> str | None:
    """None when the name resolves; otherwise the reason. A thread bounds the wait, because
    ``getaddrinfo`` has no timeout of its own and a dead DNS server can hang it for a minute."""
    if _is_ip(host) or host == "localhost":
        return None
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="dns")
    future = pool.submit(socket.getaddrinfo, host, port, 0, socket.SOCK_STREAM)
    try:
        future.result(timeout=timeout)
    except concurrent.futures.TimeoutError:
        return f"server DNS tidak menjawab dalam {timeout:g} detik"
    except (socket.gaierror, UnicodeError) as exc:
        return str(getattr(exc, "strerror", None) or exc)
    finally:
        pool.shutdown(wait=False)
    return None


def _chain(exc: BaseException) -> Iterable[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _server_time(response: httpx.Response) -> str | None:
    value = response.headers.get("date")
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds")


class _Failed(Exception):
    def __init__(self, problem: str, detail: str, status: int | None = None) -> None:
        super().__init__(detail)
        self.problem = problem
        self.detail = detail
        self.status = status


def _explain_transport_error(exc: httpx.HTTPError, host: str, port: int, timeout: float) -> _Failed:
    """The layer an httpx error comes from, in words a technician can act on."""
    where = f"{host}:{port}"
    if isinstance(exc, httpx.ConnectTimeout):
        return _Failed(
            TIMEOUT,
            f"Tidak ada jawaban dari {where} dalam {timeout:g} detik saat menyambung "
            "(batas waktu). Jaringan putus, lambat, atau diblokir firewall.",
        )
    if isinstance(exc, httpx.TimeoutException):
        return _Failed(
            TIMEOUT,
            f"Tersambung ke {where}, tetapi server tidak menjawab dalam {timeout:g} detik "
            "(batas waktu). Server sibuk atau macet.",
        )
    for cause in _chain(exc):
        if isinstance(cause, ssl.SSLCertVerificationError):
            why = cause.verify_message or str(cause)
            return _Failed(
                TLS,
                f"Sertifikat TLS server {host} ditolak ({why}). Periksa jam dan tanggal PC ini, "
                "dan apakah alamatnya benar.",
            )
        if isinstance(cause, ssl.SSLError):
            why = cause.reason or str(cause)
            return _Failed(
                TLS,
                f"Jabat tangan TLS dengan {where} gagal ({why}). Server mungkin tidak memakai "
                "https (coba http://), atau jam PC ini salah.",
            )
        if isinstance(cause, ConnectionRefusedError):
            return _Failed(
                REFUSED,
                f"Sambungan ke {where} ditolak: tidak ada layanan di port itu (server mati atau "
                "nomor port salah).",
            )
        if isinstance(cause, socket.gaierror):
            return _Failed(DNS, f"Nama server '{host}' tidak ditemukan (DNS): {cause.strerror}.")
        if isinstance(cause, OSError) and cause.errno is not None:
            return _Failed(
                UNREACHABLE,
                f"{where} tidak terjangkau ({cause.strerror}). Periksa kabel, Wi-Fi atau "
                "sambungan internet kantor.",
            )
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return _Failed(
            CUT,
            f"Sambungan ke {where} diputus sebelum server menjawab. Jalur tidak stabil, atau "
            "proksi/firewall memutusnya.",
        )
    return _Failed(UNREACHABLE, f"{where} tidak bisa dihubungi ({type(exc).__name__}).")


def _get(
    client: httpx.Client, url: str, host: str, port: int, timeout: float, **kwargs: Any
) -> httpx.Response:
    try:
        return client.get(url, **kwargs)
    except httpx.HTTPError as exc:
        raise _explain_transport_error(exc, host, port, timeout) from exc


def _check_health(
    client: httpx.Client, destination: str, base: str, host: str, port: int, timeout: float
) -> httpx.Response:
    response = _get(client, base + "/health", host, port, timeout)
    if response.status_code == 404:
        raise _Failed(
            WRONG_PATH,
            f"Alamat {base}/health tidak ditemukan (HTTP 404): jalur URL salah. Contoh yang "
            f"benar: http://server:8765/{destination}",
            404,
        )
    if response.status_code != 200:
        raise _Failed(
            SERVER,
            f"Server menjawab pemeriksaan kesehatan dengan HTTP {response.status_code} "
            "(gangguan di sisi server); coba lagi nanti.",
            response.status_code,
        )
    try:
        body = response.json()
    except ValueError:
        body = {}
    system = body.get("system") if isinstance(body, dict) else None
    if isinstance(system, str) and system != destination and system in (*DESTINATIONS, "all"):
        plays = "kedua sistem (alamat akar)" if system == "all" else system
        raise _Failed(
            WRONG_PATH,
            f"Alamat ini melayani {plays}, bukan {destination}: jalur URL salah. Akhiri URL "
            f"dengan /{destination}, misalnya http://server:8765/{destination}",
            200,
        )
    return response


def _check_token(
    client: httpx.Client,
    destination: str,
    base: str,
    token: str,
    host: str,
    port: int,
    timeout: float,
) -> int:
    """An authenticated look-up of a reference that cannot exist: not found = token accepted."""
    reference = f"ltsa-desk-connection-test-{uuid.uuid4()}"
    response = _get(
        client,
        base + LOOKUP_PATHS[destination],
        host,
        port,
        timeout,
        params={"client_reference": reference},
        headers={"Authorization": f"Bearer {token}"},
    )
    status = response.status_code
    if status in (401, 403):
        raise _Failed(
            AUTH,
            f"Token ditolak server (HTTP {status}): token salah, kedaluwarsa atau dicabut. Minta "
            f"token baru lalu simpan dengan 'ltsa-desk credentials set {destination} "
            "--token-stdin'.",
            status,
        )
    if status == 200:
        return status
    if status == 404:
        try:
            body = response.json()
        except ValueError:
            body = {}
        message = str(body.get("message", "")) if isinstance(body, dict) else ""
        # The reference server names the reference it did not find; a 404 that does not is the
        # web server saying the API path itself does not exist.
        if reference in message or (
            isinstance(body, dict)
            and body.get("error") == "not_found"
            and message.strip().lower() not in ("", "not found")
        ):
            return status
        raise _Failed(
            WRONG_PATH,
            f"Jalur API {base}{LOOKUP_PATHS[destination]} tidak ditemukan (HTTP 404): URL dasar "
            "salah atau server ini bukan sistem tujuan.",
            404,
        )
    if status >= 500 or status == 429:
        raise _Failed(
            SERVER,
            f"Server menjawab HTTP {status} saat token diuji (gangguan di sisi server); coba lagi "
            "nanti.",
            status,
        )
    raise _Failed(SERVER, f"Jawaban tak terduga saat token diuji (HTTP {status}).", status)


def check_destination(
    destination: str,
    url: str | None,
    token: str | None,
    *,
    timeout: float = DEFAULT_TIMEOUT_S,
    check_token: bool = True,
) -> DestinationCheck:
    """Walk the layers (URL, DNS, health, token) and report the first that fails.

    ``check_token=False`` stops after the health answer: doctor's quick reachability probe,
    which must not need (or touch) the credentials.
    """
    remember_secret(token)
    started = time.monotonic()
    base = (url or "").strip().rstrip("/")
    server_time: str | None = None
    status: int | None = None

    def done(ok: bool, problem: str, detail: str, code: int | None = None) -> DestinationCheck:
        return DestinationCheck(
            destination=destination,
            url=base,
            ok=ok,
            problem=problem,
            detail=detail,
            status=code,
            elapsed_ms=int((time.monotonic() - started) * 1000),
            server_time=server_time,
            token_checked=check_token and ok,
        )

    if not base:
        return done(
            False,
            NO_URL,
            f"URL belum diatur: 'ltsa-desk config set {destination}.url http://server:8765/"
            f"{destination}'",
        )
    try:
        parsed = httpx.URL(base)
    except httpx.InvalidURL as exc:
        return done(False, BAD_URL, f"URL tidak sah: {exc}")
    if parsed.scheme not in ("http", "https") or not parsed.host:
        return done(
            False, BAD_URL, "URL harus diawali http:// atau https:// dan memuat nama server"
        )
    host, port = _host_port(parsed)
    problem = _resolve(host, port, timeout)
    if problem is not None:
        return done(
            False,
            DNS,
            f"Nama server '{host}' tidak ditemukan (DNS: {problem}). Periksa ejaan alamat, atau "
            "DNS dan sambungan internet kantor.",
        )
    try:
        with httpx.Client(
            timeout=httpx.Timeout(timeout), headers={"User-Agent": "ltsa-desk-connection-test"}
        ) as client:
            health = _check_health(client, destination, base, host, port, timeout)
            server_time = _server_time(health)
            status = health.status_code
            if not check_token:
                return done(True, OK, f"Online: server menjawab dalam {_ms(started)} ms", status)
            if not token:
                return done(
                    False,
                    NO_TOKEN,
                    "Server terjangkau, tetapi token belum disimpan di keyring: jalankan "
                    f"'ltsa-desk credentials set {destination} --token-stdin'",
                    status,
                )
            status = _check_token(client, destination, base, token, host, port, timeout)
    except _Failed as failed:
        log.info("connection test %s: %s (%s)", destination, failed.problem, failed.detail)
        return done(False, failed.problem, failed.detail, failed.status)
    log.info("connection test %s: ok", destination)
    return done(
        True, OK, f"Berhasil: server terjangkau dan token diterima ({_ms(started)} ms)", status
    )


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def stored_token(destination: str, office_code: str) -> tuple[str | None, str | None]:
    """(token, problem): the keyring's token, or why it cannot be read. The value stays in
    memory for the test only."""
    try:
        return get_token(destination, office_code), None
    except NoKeyring as exc:
        return None, str(exc)


def token_elsewhere(destination: str, office_code: str, url: str) -> str | None:
    """Why the stored token must not go to `url`: it was entered for another address (a test
    never sends it there either). None when it may."""
    try:
        bound, wanted = bound_origin(destination, office_code), origin_of(url)
    except (NoKeyring, ValueError):
        return None  # the URL check and the keyring check report these themselves
    if bound is None or bound == wanted:
        return None
    return (
        f"Token tersimpan untuk alamat lain ({bound}), bukan {wanted}. Jika alamat ini benar, "
        f"masukkan tokennya lagi: ltsa-desk credentials set {destination} --token-stdin"
    )


def check_all(
    config: Config,
    *,
    tokens: dict[str, str | None] | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    check_token: bool = True,
    urls: dict[str, str] | None = None,
) -> list[DestinationCheck]:
    """Both destinations, side by side (each may wait up to ``timeout``; together they do not
    wait twice). ``tokens``/``urls`` override the keyring and the configuration (the wizard tests
    what was typed before anything is saved)."""

    def one(destination: str) -> DestinationCheck:
        url = (urls or {}).get(destination, config.get(f"{destination}.url") or "")
        token: str | None = None
        if check_token:
            if tokens is not None and destination in tokens:
                token = tokens[destination]
            else:
                token, problem = stored_token(destination, config.office_code)
                if problem is not None:
                    return DestinationCheck(destination, url, False, NO_KEYRING, problem)
                elsewhere = token_elsewhere(destination, config.office_code, url) if url else None
                if token and elsewhere is not None:
                    return DestinationCheck(destination, url, False, TOKEN_ELSEWHERE, elsewhere)
        return check_destination(destination, url, token, timeout=timeout, check_token=check_token)

    with concurrent.futures.ThreadPoolExecutor(
        max_workers=len(DESTINATIONS), thread_name_prefix="connection-test"
    ) as pool:
        return list(pool.map(one, DESTINATIONS))


def server_clock_skew(
    checks: Iterable[DestinationCheck], now: datetime | None = None
) -> tuple[str, float] | None:
    """(destination, seconds this PC is ahead of it) from the first answer with a Date header."""
    now = now or datetime.now(UTC)
    for check in checks:
        if check.server_time:
            server = datetime.fromisoformat(check.server_time)
            return check.destination, (now - server).total_seconds()
    return None
