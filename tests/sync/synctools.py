"""Helpers for the sync scenario tests: a counter wired to a real `ltsa-sim`, and ways to look.

Everything here goes through the real pieces: the application's services write applicants and their
outbox items, a real `SyncEngine` sends them over HTTP to the simulator subprocess on 127.0.0.1, and
the assertions read the office database and the simulator's own records and counters. What every
desk test shares (NIKs, names, waiting, the real command) is in tests/desktools.py.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from desktools import OFFICE, letters, nik
from sqlalchemy import update
from sqlmodel import Session, col, select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import case_order, intake
from ltsa_desk.services.context import Actor
from ltsa_desk.services.sync_hooks import HOOKS
from ltsa_desk.services.sync_setup import destination_configs, status
from ltsa_desk.store.database import Database
from ltsa_desk.store.models import Applicant, CaseEvent
from sync.credentials import set_token
from sync.engine import EngineSettings, SyncEngine
from sync.models import DestinationState, Outage, OutboxItem
from sync.sim.process import SimHandle

FAST: dict[str, float] = {
    "lease_seconds": 2,
    "retry_initial_s": 0.05,
    "retry_max_s": 0.5,
    "probe_initial_s": 0.05,
    "probe_max_s": 0.5,
    "pull_interval_s": 0.2,
    "idle_poll_s": 0.05,
}


def fast_settings(**overrides: Any) -> EngineSettings:
    """Engine settings with waits short enough for tests; the logic is the production one."""
    return EngineSettings(**{**FAST, **overrides})


def as_utc(value: datetime) -> datetime:
    """SQLite hands datetimes back without a zone; they are stored in UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@dataclass
class Desk:
    """One counter (office 52.03, counter LOTIM-01) and the engines a test made on it."""

    workspace: Workspace
    actor: Actor
    engines: list[SyncEngine] = field(default_factory=list)

    # -- wiring -----------------------------------------------------------------------------------

    def connect(
        self,
        sim: SimHandle,
        *,
        registry_token: str | None = None,
        immigration_token: str | None = None,
        via: Any = None,
    ) -> None:
        """Point both destinations at `sim` and store their tokens in the (file) keyring, bound
        to those addresses; `via`: a proxy of the tests' own in front of it (`holdproxy`,
        `failproxy`: its ``url(path)``), the token then bound to the proxy's address.

        Bound here, as `credentials set` binds them, not at first use: binding at first use
        rewrites the keyring file, and the file keyring rewrites it in place, so a `sync run`
        a test kills at that moment left an empty file (every token gone, both destinations
        paused, a later drain "done" with nothing sent)."""
        config = self.workspace.config
        registry_url = via.url("/registry") if via else sim.registry_url
        immigration_url = via.url("/immigration") if via else sim.immigration_url
        config.set("registry.url", registry_url)
        config.set("immigration.url", immigration_url)
        config.save()
        set_token("registry", OFFICE, registry_token or sim.token, url=registry_url)
        set_token("immigration", OFFICE, immigration_token or sim.token, url=immigration_url)

    def engine(
        self, *, owner: str | None = None, database: Database | None = None, **settings: Any
    ) -> SyncEngine:
        """A SyncEngine on the office database with the application's hooks; stopped at teardown.

        `database` is another connection to the same office database (a second process's view).
        """
        office = database or self.workspace.database
        made = SyncEngine(
            office.writer,
            destination_configs(self.workspace.config),
            hooks=HOOKS,
            settings=fast_settings(**settings),
            owner=owner,
            reader=office.engine,  # as `sync_setup.build_engine` passes it
        )
        self.engines.append(made)
        return made

    def run_pass(self, **settings: Any) -> SyncEngine:
        """One `sync run` pass on the calling thread, with a fresh engine."""
        engine = self.engine(**settings)
        try:
            engine.run_pass()
        finally:
            engine.stop()
        return engine

    def drain(self, timeout: float = 20.0, **settings: Any) -> None:
        """`sync run --until-empty`: worker threads until nothing sendable is left."""
        engine = self.engine(**settings)
        assert engine.run_until_empty(timeout, poll_s=0.05), f"not drained within {timeout:g} s"

    def stop_engines(self) -> None:
        for engine in self.engines:
            if not engine.stopping.is_set():
                engine.stop(timeout=10)

    # -- intake -----------------------------------------------------------------------------------

    def register(
        self,
        serial: int,
        *,
        name: str | None = None,
        female: bool = False,
        day: int = 12,
        month: int = 5,
        year: int = 1990,
        **extra: Any,
    ) -> Applicant:
        data: dict[str, Any] = {
            "nik": nik(serial, day=day, month=month, year=year, female=female),
            "full_name": name or f"Budi Santoso {letters(serial)}",
            "birth_date": f"{day:02d}-{month:02d}-{year}",
            "sex": "P" if female else "L",
            "birth_place": "Selong",
            **extra,
        }
        with self.workspace.database.write_session() as session:
            return intake.register_applicant(session, data, self.actor).applicant

    def register_many(self, count: int, *, first: int = 1) -> list[Applicant]:
        return [self.register(serial) for serial in range(first, first + count)]

    def request_passport(self, applicant: Applicant) -> OutboxItem:
        """Queue the passport application of a case moved in from an old register (its papers
        and recommendation are on paper): the admin records the request over the case order
        (``case_order.skip_order``), which queues the application as an ordinary request does.
        These tests are about the line, not the order (tests/services/test_case_order.py)."""
        admin = replace(self.actor, username="admin1", role="admin")
        with self.workspace.database.write_session() as session:
            attached = session.get(Applicant, applicant.id)
            assert attached is not None
            case_order.skip_order(
                session, attached, "passport_requested", admin, "Pindahan dari register lama"
            )
        items = self.items(applicant)
        return items[-1]

    def update(self, applicant: Applicant, **changes: Any) -> None:
        with self.workspace.database.write_session() as session:
            attached = session.get(Applicant, applicant.id)
            assert attached is not None
            intake.update_applicant(session, attached, changes, self.actor)

    def cancel(self, applicant: Applicant, reason: str = "CPMI mengundurkan diri") -> None:
        with self.workspace.database.write_session() as session:
            attached = session.get(Applicant, applicant.id)
            assert attached is not None
            intake.cancel_applicant(session, attached, reason, self.actor)

    def force(self, key: str, **values: Any) -> None:
        """Write an item's columns directly, as a crashed process would have left them."""
        with Session(self.workspace.database.writer) as session:
            session.exec(update(OutboxItem).where(col(OutboxItem.key) == key).values(**values))
            session.commit()

    # -- looking ----------------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.workspace.database.engine, expire_on_commit=False) as session:
            yield session

    def items(self, applicant: Applicant | None = None) -> list[OutboxItem]:
        """Outbox items (of one applicant's chain), in chain order."""
        with self.session() as session:
            statement = select(OutboxItem).order_by(
                col(OutboxItem.chain_position), col(OutboxItem.seq)
            )
            if applicant is not None:
                statement = statement.where(OutboxItem.chain == str(applicant.id))
            return list(session.exec(statement).all())

    def item(self, key: str) -> OutboxItem:
        with self.session() as session:
            found = session.exec(select(OutboxItem).where(OutboxItem.key == key)).one()
            return found

    def states(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in self.items():
            counts[item.state] = counts.get(item.state, 0) + 1
        return counts

    def applicant(self, applicant: Applicant) -> Applicant:
        with self.session() as session:
            found = session.get(Applicant, applicant.id)
            assert found is not None
            return found

    def applicant_by_chain(self, chain: str) -> Applicant:
        with self.session() as session:
            found = session.get(Applicant, uuid.UUID(chain))
            assert found is not None
            return found

    def case_events(self, applicant: Applicant) -> list[CaseEvent]:
        with self.session() as session:
            statement = (
                select(CaseEvent)
                .where(CaseEvent.applicant_id == applicant.id)
                .order_by(col(CaseEvent.at))
            )
            return list(session.exec(statement).all())

    def destination(self, name: str) -> DestinationState:
        with self.session() as session:
            found = session.get(DestinationState, name)
            return found if found is not None else DestinationState(destination=name)

    def outages(self, name: str) -> list[Outage]:
        with self.session() as session:
            statement = select(Outage).where(Outage.destination == name).order_by(col(Outage.id))
            return list(session.exec(statement).all())

    def status(self) -> dict[str, Any]:
        return status(self.workspace.config, self.workspace.database)

    def all_delivered(self) -> bool:
        items = self.items()
        return bool(items) and all(item.state == "delivered" for item in items)


def receipt(item: OutboxItem) -> dict[str, Any]:
    assert item.receipt, f"item {item.key} ({item.state}) has no receipt"
    value = json.loads(item.receipt)
    assert isinstance(value, dict)
    return value


def payload(item: OutboxItem) -> dict[str, Any]:
    value = json.loads(item.payload)
    assert isinstance(value, dict)
    return value
