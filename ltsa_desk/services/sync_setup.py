"""Building the sync engine for a counter: destinations from the configuration, tokens from the
keyring, hooks from the application, all on the office database's writer engine."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from ltsa_desk.config import Config
from ltsa_desk.services.sync_hooks import HOOKS
from ltsa_desk.store.database import Database
from sync import ledger
from sync.credentials import token_provider
from sync.engine import DestinationConfig, EngineSettings, SyncEngine
from sync.models import ItemState

DESTINATIONS = ("registry", "immigration")


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
    )


def build_engine(config: Config, database: Database) -> SyncEngine:
    return SyncEngine(
        database.writer,
        destination_configs(config),
        hooks=HOOKS,
        settings=engine_settings(config),
    )


def status(config: Config, database: Database) -> dict[str, Any]:
    """Per destination what waits and why, plus totals: `sync status` and the status bar."""
    result: dict[str, Any] = {}
    totals = {state.value: 0 for state in ItemState}
    configured = {c.name for c in destination_configs(config)}
    with Session(database.engine) as session:
        for name in DESTINATIONS:
            counts = ledger.counts(session, name)
            state = ledger.read_destination(database.engine, name)
            age = ledger.oldest_open_age_s(session, name)
            result[name] = {
                "configured": name in configured,
                "online": bool(state.online),
                "offline_since": _iso(state.offline_since),
                "paused": bool(state.paused),
                "paused_reason": state.paused_reason,
                "pending": counts["pending"],
                "in_flight": counts["in_flight"],
                "needs_attention": counts["needs_attention"],
                "delivered": counts["delivered"],
                "superseded": counts["superseded"],
                "withdrawn": counts["withdrawn"],
                "oldest_pending_age_s": None if age is None else round(age, 1),
            }
            for key, value in counts.items():
                totals[key] += value
    result["totals"] = totals
    return result


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def clear_pause(database: Database, destination: str) -> None:
    """New credentials: let the destination try again at once."""
    ledger.set_paused(database.writer, destination, None)
