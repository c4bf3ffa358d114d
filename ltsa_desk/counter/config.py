"""Where a counter keeps its data and how it is configured.

The configuration is a small TOML file inside the data folder. It never holds a credential: tokens
and keys live in the OS keyring (DESIGN.md), so a copied data folder or a backup leaks no secret.

Every local Windows user may write that folder, so the file is sealed
(:mod:`ltsa_desk.counter.config_seal`): :meth:`Config.save` writes an HMAC line made with a key in
the counter account's keyring, and :meth:`Config.load` refuses a file changed by anything else
(:class:`ConfigTampered`) until an admin accepts it (:meth:`Config.accept`, ``config accept``).
"""

from __future__ import annotations

import ipaddress
import logging
import os
import sys
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import platformdirs
import tomli_w

from ltsa_desk.counter import config_seal
from ltsa_desk.counter.config_values import (
    DEFAULT_LETTER_PATTERN,
    minutes,
    parse_bool,
    positive_int,
    seconds,
    validate_cert_path,
    validate_counter_id,
    validate_database_url,
    validate_language,
    validate_letter_pattern,
    validate_logo,
    validate_nip,
    validate_office_code,
    validate_sslmode,
    validate_url,
    validate_uuid,
)

APP_NAME = "LTSA Desk"
APP_SLUG = "ltsa-desk"
CONFIG_FILE = "config.toml"
DATABASE_FILE = "ltsa.sqlite"
DATA_DIR_ENV = "LTSA_DATA_DIR"

log = logging.getLogger(__name__)


class ConfigError(ValueError):
    """A configuration value or file is wrong; the message names the key and the fix."""


class ConfigTampered(ConfigError):
    """``config.toml`` was written by something other than LTSA Desk (its seal does not match)."""


class ConfigKeyringUnavailable(ConfigError):
    """No keyring to check or make the seal with: the file can be neither trusted nor sealed."""


def default_data_dir() -> Path:
    """The data folder a fresh install uses.

    On Windows several officers share one counter PC, so the data lives machine-wide under
    ProgramData; elsewhere the machine-wide folder is not writable by a normal user, so the user's
    data folder is used.
    """
    if sys.platform == "win32":
        return Path(platformdirs.site_data_dir(APP_NAME, appauthor=False))
    return Path(platformdirs.user_data_dir(APP_SLUG, appauthor=False))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir` wins over `LTSA_DATA_DIR`, which wins over the platform default."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env_value = os.environ.get(DATA_DIR_ENV)
    if env_value:
        return Path(env_value).expanduser().resolve()
    return default_data_dir()


def _is_loopback_url(value: str) -> bool:
    """Whether an http(s) URL names this PC (127.x, ::1, localhost): nothing crosses a network."""
    host = (urlsplit(value).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_cleartext_url(key: str, value: str, allowed: bool) -> None:
    """A destination's token travels in its Authorization header: over http:// anyone on the
    way reads it. Only this PC (the simulator, training) or an explicit technician's choice
    (``sync.allow_http``, e.g. a closed office network with a TLS proxy) may use http://."""
    if value.startswith("http://") and not allowed and not _is_loopback_url(value):
        raise ConfigError(
            f"{key}: http:// mengirim token tanpa enkripsi; pakai https://. Hanya bila "
            "jaringannya memang tertutup, teknisi boleh memaksa dengan "
            "'ltsa-desk config set sync.allow_http true'."
        )


# key -> (parser, default). The parser turns the text a technician types into the stored value.
KEYS: dict[str, tuple[Any, Any]] = {
    "office.code": (validate_office_code, None),
    "office.name": (str.strip, ""),
    "office.address": (str.strip, ""),
    "office.city": (str.strip, ""),
    "office.logo": (validate_logo, ""),
    "office.head_name": (str.strip, ""),
    "office.head_title": (str.strip, ""),
    "office.head_nip": (validate_nip, ""),
    "letters.number_pattern": (validate_letter_pattern, DEFAULT_LETTER_PATTERN),
    "letters.immigration_office": (str.strip, ""),
    "documents.require_verified": (parse_bool, True),
    "counter.id": (validate_counter_id, None),
    "ui.language": (validate_language, "id"),
    # Bounded: a huge value would overflow the window's timer and turn the lock off.
    "ui.idle_lock_minutes": (minutes(1, 240), 10),
    "database.url": (validate_database_url, ""),
    # Not a secret: the name under which the database key is filed in the keyring, needed before
    # an encrypted database can be opened (DESIGN.md: `db-key@<database id>`).
    "database.id": (validate_uuid, ""),
    # A shared office server on another machine (README "An office with several desks"): TLS
    # options passed to libpq, never inside the URL. The password, if any, is in the keyring
    # (`credentials set database`), never here.
    "database.sslmode": (validate_sslmode, ""),
    "database.sslrootcert": (validate_cert_path, ""),
    "database.connect_timeout": (seconds(1, 60), 5.0),
    "registry.url": (validate_url, ""),
    "immigration.url": (validate_url, ""),
    # The technician's explicit "yes" to http:// destinations off this PC (a closed network).
    "sync.allow_http": (parse_bool, False),
    # The case order (issue 16): the passport is requested after the Disnaker's recommendation.
    # An office whose immigration takes the request without it sets false: the passport may then
    # be requested from "Dokumen lengkap", never before the documents.
    "workflow.require_recommendation": (parse_bool, True),
    "attachments.max_mb": (positive_int, 10),
    "scan.inbox": (str.strip, ""),
    "sync.lease_seconds": (seconds(1, 60), 60.0),
    "sync.concurrency": (positive_int, 4),
    "sync.batch_size": (positive_int, 32),
    "sync.pull_interval_s": (seconds(1, 3600), 30.0),
    "sync.retry_max_s": (seconds(1, 3600), 300.0),
    # How long to wait for an answer; it also sets the quiet period before a resend after a send
    # that got none (sync/engine.py, "unknown outcomes"): a longer wait, a longer quiet period.
    "sync.read_timeout_s": (seconds(1, 300), 30.0),
    # Backups (technician/backup): empty folder = <data folder>/backups; a USB drive or a
    # network share is better, so a dead disk does not take the backups with it.
    "backup.folder": (str.strip, ""),
    "backup.keep": (positive_int, 7),
    "backup.daily": (parse_bool, True),
}

_SECRET_WORDS = ("password", "token", "secret", "sandi", "key")


URL_KEYS = frozenset({"registry.url", "immigration.url"})
# Keys whose value in the file is judged again on every read: a value written into config.toml
# by hand (any local Windows user may) must not turn off the idle lock, make the PC fetch a logo
# from a network share, or send a token over http://.
CHECKED_ON_READ = frozenset({"ui.idle_lock_minutes", "office.logo", *URL_KEYS})


class Config:
    """The counter's configuration: a TOML file in the data folder, read and written atomically."""

    def __init__(self, data_dir: Path, values: dict[str, Any] | None = None) -> None:
        self.data_dir = data_dir
        self._values: dict[str, Any] = dict(values or {})
        self.adopted = False
        """Set by :meth:`load` when this start sealed an unsealed file for the first time (the
        account had no seal key yet: an upgrade, or a folder carried to a new PC)."""

    @property
    def path(self) -> Path:
        return self.data_dir / CONFIG_FILE

    @classmethod
    def load(cls, data_dir: Path, *, verify: bool = True) -> Config:
        """Read the file; with ``verify`` (every start) its seal must match, see the module doc.

        ``verify=False`` is for reading what a changed file says without using it: ``config
        show``, ``config accept``, a restore comparing counters, the window's choice of language.
        """
        path = data_dir / CONFIG_FILE
        if not path.exists():
            raise ConfigError(
                f"Konfigurasi tidak ditemukan di {path}. Jalankan 'ltsa-desk init' dulu."
            )
        data = path.read_bytes()
        try:
            raw = tomllib.loads(data.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"Berkas konfigurasi {path} rusak: {exc}") from exc
        values: dict[str, Any] = {}
        for section, entries in raw.items():
            if not isinstance(entries, dict):
                raise ConfigError(f"Berkas konfigurasi {path}: '{section}' harus berupa bagian")
            for name, value in entries.items():
                values[f"{section}.{name}"] = value
        config = cls(data_dir, values)
        if verify:
            config.adopted = _check_seal(path, data)
        return config

    @classmethod
    def accept(cls, data_dir: Path) -> tuple[Config, list[str]]:
        """Seal the file as it is now, after a deliberate hand edit (``config accept``, an admin).

        Every known value is judged as ``config set`` judges it first, so accepting never blesses
        a value the app would refuse (a huge idle time, a network logo, http:// to another host).
        Returns the configuration and the keys it holds; the caller records the audit entry.
        """
        config = cls.load(data_dir, verify=False)
        stored = dict(config._values)
        config._values = {k: v for k, v in stored.items() if k not in KEYS}
        # sync.allow_http first: the URL keys are judged with it.
        ordered = sorted(stored, key=lambda k: (k in URL_KEYS, k))
        for key in ordered:
            value = stored[key]
            if key in KEYS and value is not None:
                config.set(key, value if isinstance(value, str) else _as_text(value))
        config.save()
        return config, sorted(k for k in stored if stored[k] is not None)

    @staticmethod
    def exists(data_dir: Path) -> bool:
        return (data_dir / CONFIG_FILE).exists()

    def get(self, key: str) -> Any:
        if key in self._values:
            value = self._values[key]
            if key in CHECKED_ON_READ and value not in (None, ""):
                value = self._checked(key, value)
            return value
        if key in KEYS:
            return KEYS[key][1]
        raise ConfigError(f"Kunci konfigurasi tidak dikenal: {key}")

    def set(self, key: str, text: Any) -> Any:
        """Validate and store one value; the error names the key and what it should look like."""
        if key not in KEYS:
            if any(word in key.lower() for word in _SECRET_WORDS):
                raise ConfigError(
                    f"{key}: kredensial tidak disimpan di konfigurasi; "
                    "gunakan 'ltsa-desk credentials set'"
                )
            known = ", ".join(sorted(KEYS))
            raise ConfigError(f"Kunci konfigurasi tidak dikenal: {key} (yang dikenal: {known})")
        parser = KEYS[key][0]
        try:
            value = parser(text) if isinstance(text, str) else parser(str(text))
        except ValueError as exc:
            raise ConfigError(f"{key}: {exc}") from exc
        if key in URL_KEYS and value:
            _check_cleartext_url(key, value, bool(self.get("sync.allow_http")))
        self._values[key] = value
        return value

    def check_sealing(self) -> None:
        """Fail before anything is made (a database, a desk on the office server) when the file
        could not be sealed afterwards: no keyring to keep the seal key in."""
        try:
            config_seal.key_for_sealing()
        except config_seal.SealKeyringError as exc:
            raise _no_keyring(self.path, exc) from None

    def unset(self, key: str) -> None:
        """Back to the default: the key leaves the file at the next :meth:`save`."""
        self._values.pop(key, None)

    def _checked(self, key: str, value: Any) -> Any:
        """A value read from the file, judged as ``config set`` would have judged it: the file
        is in a folder every local user may edit, and these keys guard the counter."""
        try:
            checked = KEYS[key][0](str(value))
        except ValueError as exc:
            raise ConfigError(
                f"{self.path}: {key} = {value!r} ditolak ({exc}); perbaiki dengan "
                f"'ltsa-desk config set {key} ...'"
            ) from None
        if key in URL_KEYS:
            _check_cleartext_url(key, checked, bool(self.get("sync.allow_http")))
        return checked

    def as_dict(self) -> dict[str, Any]:
        """Every known key with its effective value, for `config show`."""
        merged = {key: default for key, (_, default) in KEYS.items()}
        merged.update(self._values)
        return merged

    @property
    def office_code(self) -> str:
        return str(self.get("office.code"))

    @property
    def counter_id(self) -> str:
        return str(self.get("counter.id"))

    def database_url(self) -> str:
        """The configured database, or the embedded default: a SQLite file in the data folder."""
        url = self.get("database.url")
        if url:
            return str(url)
        return sqlite_url(self.data_dir / DATABASE_FILE)

    def save(self) -> None:
        """Write atomically, sealed, so a crash mid-write never leaves a half configuration and
        the next start knows the file came from here. Needs the account's keyring."""
        nested: dict[str, dict[str, Any]] = {}
        for key, value in self._values.items():
            if value is None:
                continue
            section, name = key.split(".", 1)
            nested.setdefault(section, {})[name] = value
        body = tomli_w.dumps(nested).encode("utf-8")
        try:
            key, _ = config_seal.key_for_sealing()
        except config_seal.SealKeyringError as exc:
            raise _no_keyring(self.path, exc) from None
        self.data_dir.mkdir(parents=True, exist_ok=True)
        _write_atomic(self.path, config_seal.sealed(body, key))


def _as_text(value: Any) -> str:
    """A value read from TOML as ``config set`` would have received it on the command line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(".toml.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _no_keyring(path: Path, exc: Exception) -> ConfigKeyringUnavailable:
    return ConfigKeyringUnavailable(
        f"Konfigurasi {path} tidak bisa diperiksa atau disimpan: {exc}. LTSA Desk menyegel "
        "konfigurasi dengan kunci di keyring akun Windows loket (di Windows: Credential "
        "Manager; di Linux: Secret Service, atau pilih backend dengan PYTHON_KEYRING_BACKEND). "
        "Jalankan LTSA Desk dengan akun Windows loket."
    )


def _check_seal(path: Path, data: bytes) -> bool:
    """Refuse a file whose seal this account's key did not make; True when it was adopted.

    Adopted (sealed as it is, once) only when the file has no seal line and the account has no
    seal key at all: the first start after an upgrade from a version without seals. Another
    local user cannot remove the key from this account's keyring, so cannot bring that case
    back; a file sealed elsewhere is refused, never re-sealed by a mere start.
    """
    body, written = config_seal.split(data)
    try:
        key = config_seal.find_key()
        if key is None and written is not None:
            # Sealed, but not by this account: another Windows account (a technician's own, or
            # whoever edited it) or another PC. Adopting would re-seal their file for them.
            raise ConfigTampered(
                f"Konfigurasi {path} disegel oleh akun Windows atau PC lain, jadi LTSA Desk tidak "
                "dijalankan dengan isinya. Jalankan LTSA Desk dengan akun Windows loket. Bila "
                "folder data ini memang dipindah ke PC atau akun ini, jalankan 'ltsa-desk recover "
                "--recovery-key KUNCI-PEMULIHAN' (menyegel ulang konfigurasi), atau admin "
                "menyetujuinya dengan 'ltsa-desk config accept --as ADMIN'."
            )
        if key is None:
            for _attempt in range(3):  # two first starts at once: the last key stored wins
                key, _ = config_seal.key_for_sealing()
                _write_atomic(path, config_seal.sealed(body, key))
                if config_seal.find_key() == key:
                    break
            log.warning("configuration %s adopted and sealed (first start with seals)", path)
            return True
    except config_seal.SealKeyringError as exc:
        raise _no_keyring(path, exc) from None
    if config_seal.intact(data, key):
        return False
    why = "tidak bersegel" if written is None else "segelnya tidak cocok"
    log.warning("configuration %s refused: %s", path, why)
    raise ConfigTampered(
        f"Konfigurasi {path} diubah di luar LTSA Desk ({why}), jadi LTSA Desk tidak dijalankan "
        "dengan isinya. Perubahan konfigurasi hanya lewat Pengaturan atau 'ltsa-desk config "
        "set'. Bila folder data ini dipindah dari PC atau akun Windows lain, jalankan "
        "'ltsa-desk recover --recovery-key KUNCI-PEMULIHAN'; bila perubahan ini memang "
        "disengaja teknisi, admin menyetujuinya dengan 'ltsa-desk config accept --as ADMIN'; "
        "bila tidak, laporkan ke teknisi."
    )


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"
