"""Building the sync engine for a counter: destinations from the configuration, tokens from the
keyring, hooks from the application, all on the office database's writer engine."""

from __future__ import annotations

from ltsa_desk.counter.config import Config
from ltsa_desk.services.sync_hooks import HOOKS
from ltsa_desk.services.sync_status import DESTINATIONS, status
from ltsa_desk.store.database import Database
from sync import ledger
from sync.credentials import NoKeyring, set_token, token_provider
from sync.engine import DestinationConfig, EngineSettings, SyncEngine

__all__ = [
    "DESTINATIONS",
    "NoKeyring",
    "build_engine",
    "clear_pause",
    "destination_configs",
    "engine_settings",
    "set_destination_token",
    "status",
]


def destination_configs(config: Config) -> list[DestinationConfig]:
    """Configured destinations only: one without a URL keeps its items waiting, as it should."""
    configs = []
    for name in DESTINATIONS:
        url = config.get(f"{name}.url")
        if url:
            provider = token_provider(name, config.office_code, url=url)
            configs.append(DestinationConfig(name, url, provider))
    return configs


def engine_settings(config: Config) -> EngineSettings:
    return EngineSettings(
        lease_seconds=float(config.get("sync.lease_seconds")),
        concurrency=int(config.get("sync.concurrency")),
        batch_size=int(config.get("sync.batch_size")),
        pull_interval_s=float(config.get("sync.pull_interval_s")),
        retry_max_s=float(config.get("sync.retry_max_s")),
        read_timeout_s=float(config.get("sync.read_timeout_s")),
    )


def build_engine(config: Config, database: Database) -> SyncEngine:
    return SyncEngine(
        database.writer,
        destination_configs(config),
        hooks=HOOKS,
        settings=engine_settings(config),
        reader=database.engine,
    )


def clear_pause(database: Database, destination: str) -> None:
    """New credentials: let the destination try again at once."""
    ledger.set_paused(database.writer, destination, None)


def set_destination_token(config: Config, database: Database, destination: str, token: str) -> None:
    """A destination's new token (`credentials set`): into this account's keyring, bound to the
    configured address of that destination (a later edit of its URL cannot send the token
    elsewhere), then the destination's pause lifted so it tries again at once.

    Raises :class:`NoKeyring` when this PC has no keyring; nothing is changed then.
    """
    url = config.get(f"{destination}.url") or None
    set_token(destination, config.office_code, token, url=url)
    clear_pause(database, destination)
