"""Training mode (Mode latihan): practise on a separate database against a simulator of our own.

New officers must be able to register, correct and resend without any chance of touching the
office's real records or the real registry and immigration systems. So training mode is a
separate data folder (`<data>/training/`, always a local SQLite file even when the office shares a
PostgreSQL server) initialised like the real one (same office code and counter id, so tracking
codes and letters look real; its own database id), and an `ltsa-sim` subprocess the app starts
itself on free loopback ports, which the training configuration points at.

Credentials: the real tokens live in the keyring as `<destination>@<office code>`. Training tokens
are random per session and stored as `<destination>@<office code>#training`, so they never
overwrite the real ones; and the training engine is built by `TrainingSession.engine_factory`,
whose token providers read only those entries. Building the training engine with the ordinary
`build_engine` would hand the REAL token to the local simulator: the window must use the factory.

No Qt here: the window starts a session on its runner (starting the simulator takes a second).
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ltsa_desk.counter.config import Config
from ltsa_desk.counter.workspace import (
    Workspace,
    confirm_recovery_key_shown,
    initialise,
    open_workspace,
)
from ltsa_desk.services import intake
from ltsa_desk.services.context import Actor
from ltsa_desk.services.sync_hooks import HOOKS
from ltsa_desk.services.sync_setup import DESTINATIONS, engine_settings
from ltsa_desk.store.lock import DataFolderLock
from sync.credentials import NoKeyring, get_token, set_token
from sync.engine import DestinationConfig, SyncEngine
from sync.sim.process import SimHandle, start_sim_process

log = logging.getLogger(__name__)

TRAINING_DIR_NAME = "training"
CREDENTIAL_SUFFIX = "#training"
MARKER_FILE = "MODE-LATIHAN.txt"
TRAINING_USER = "latihan"


def training_dir(base_data_dir: Path) -> Path:
    return Path(base_data_dir) / TRAINING_DIR_NAME


def is_training_dir(data_dir: Path) -> bool:
    """A folder made by training mode (never the office's real data)."""
    return (Path(data_dir) / MARKER_FILE).exists()


def credential_scope(office_code: str) -> str:
    """The keyring 'office' part for training tokens: `52.03#training`."""
    return f"{office_code}{CREDENTIAL_SUFFIX}"


class TrainingError(RuntimeError):
    """Training mode could not start (the message says why, in Indonesian)."""


class TrainingSession:
    """One run of training mode: the training data folder and its simulator.

    `start()` prepares the folder (first time: a fresh database, optionally a few demo CPMI),
    starts `ltsa-sim`, points the configuration at it and stores the session's tokens; it returns
    `(training data dir, sim handle)`. `engine_factory` builds the sync engine for the training
    workspace; `stop()` stops the simulator and releases the folder. Safe to stop twice.
    """

    def __init__(
        self,
        base_data_dir: Path,
        *,
        demo_data: bool = True,
        sim_options: dict[str, Any] | None = None,
        today: date | None = None,
    ) -> None:
        self.base_data_dir = Path(base_data_dir)
        self.data_dir = training_dir(self.base_data_dir)
        self.demo_data = demo_data
        self.sim_options = dict(sim_options or {})
        self.today = today
        self.sim: SimHandle | None = None
        self.token = secrets.token_urlsafe(24)
        self.office_code = ""
        self.created = False
        self._lock: DataFolderLock | None = None

    @property
    def running(self) -> bool:
        return self.sim is not None and self.sim.running

    def start(self) -> tuple[Path, SimHandle]:
        base = Config.load(self.base_data_dir)
        self.office_code = base.office_code
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = DataFolderLock(self.data_dir, windows_mutex=False).acquire(timeout=0)
        try:
            self.created = not Config.exists(self.data_dir)
            if self.created:
                initialise(
                    self.data_dir,
                    office_code=base.office_code,
                    counter_id=base.counter_id,
                    office_name=str(base.get("office.name") or ""),
                )
                # Training data is made up: its recovery key protects nothing worth a paper.
                confirm_recovery_key_shown(self.data_dir)
                (self.data_dir / MARKER_FILE).write_text(
                    "Folder ini milik Mode latihan LTSA Desk: data di sini tidak nyata dan tidak "
                    "pernah dikirim ke Registri pusat atau Imigrasi.\n",
                    encoding="utf-8",
                )
            sim_dir = self.data_dir / "sim"
            self.sim = start_sim_process(
                sim_dir, token=self.token, state=sim_dir / "ltsa-sim.sqlite", **self.sim_options
            )
            config = Config.load(self.data_dir)
            config.set("registry.url", self.sim.registry_url)
            config.set("immigration.url", self.sim.immigration_url)
            address = base.get("office.address")
            if address and not config.get("office.address"):
                config.set("office.address", str(address))
            config.save()
            self._store_tokens()
            if self.created and self.demo_data:
                workspace = open_workspace(self.data_dir)
                try:
                    seed_demo(workspace, today=self.today)
                finally:
                    workspace.close()
        except BaseException:
            self.stop()
            raise
        return self.data_dir, self.sim

    def _store_tokens(self) -> None:
        scope = credential_scope(self.office_code)
        for name in DESTINATIONS:
            try:
                set_token(name, scope, self.token)
            except NoKeyring as exc:
                # The session still works: the providers fall back to the in-memory token.
                log.warning("training token not stored in the keyring: %s", exc)

    def token_provider(self, destination: str):  # type: ignore[no-untyped-def]
        """The training entry from the keyring, else this session's token: never the real one."""
        scope = credential_scope(self.office_code)

        def provide() -> str | None:
            try:
                return get_token(destination, scope) or self.token
            except NoKeyring:
                return self.token

        return provide

    def engine_factory(self, workspace: Workspace) -> SyncEngine:
        """The training workspace's sync engine (pass to `SyncBridge(engine_factory=...)`)."""
        if Path(workspace.data_dir).resolve() != self.data_dir.resolve():
            raise TrainingError("Mesin sinkronisasi latihan hanya untuk folder data latihan")
        configs = []
        for name in DESTINATIONS:
            url = workspace.config.get(f"{name}.url")
            if url:
                configs.append(DestinationConfig(name, url, self.token_provider(name)))
        return SyncEngine(
            workspace.database.writer,
            configs,
            hooks=HOOKS,
            settings=engine_settings(workspace.config),
            reader=workspace.database.engine,
        )

    def stop(self) -> None:
        sim, self.sim = self.sim, None
        try:
            if sim is not None:
                sim.stop()
        finally:
            lock, self._lock = self._lock, None
            if lock is not None:
                lock.release()


# -- demo data ---------------------------------------------------------------------------------

# (name, female, birth day, month, year, birth place, country, job, days to departure or None)
_DEMO: tuple[tuple[str, bool, int, int, int, str, str, str, int | None], ...] = (
    ("Siti Nurhaliza", True, 14, 3, 1996, "Selong", "MY", "Penata laksana rumah tangga", 30),
    ("Lalu Ahmad Fauzi", False, 2, 11, 1993, "Masbagik", "MY", "Pekerja perkebunan", 5),
    ("Baiq Rina Marlina", True, 21, 7, 1998, "Aikmel", "HK", "Pengasuh lansia", 45),
    ("Muhammad Zainul Arifin", False, 9, 1, 1991, "Pringgabaya", "KR", "Operator pabrik", None),
    ("Nurul Hidayah", True, 30, 5, 1999, "Labuhan Haji", "TW", "Perawat lansia", 60),
)


def _demo_nik(serial: int, female: bool, day: int, month: int, year: int) -> str:
    """A valid Lombok Timur NIK (52.03, district 01) for a made-up person."""
    return f"520301{day + (40 if female else 0):02d}{month:02d}{year % 100:02d}{9000 + serial:04d}"


def seed_demo(workspace: Workspace, *, today: date | None = None) -> int:
    """A few made-up CPMI so a trainee has something to search, open and correct."""
    today = today or date.today()
    actor = Actor(
        username=TRAINING_USER,
        counter_id=workspace.config.counter_id,
        office_code=workspace.config.office_code,
    )
    made = 0
    for serial, (name, female, day, month, year, place, country, job, leave) in enumerate(
        _DEMO, start=1
    ):
        data: dict[str, Any] = {
            "nik": _demo_nik(serial, female, day, month, year),
            "full_name": name,
            "birth_date": f"{day:02d}-{month:02d}-{year}",
            "sex": "P" if female else "L",
            "birth_place": place,
            "address": f"Dusun {place}, Lombok Timur",
            "destination_country": country,
            "job_title": job,
        }
        if leave is not None:
            data["planned_departure"] = (today + timedelta(days=leave)).strftime("%d-%m-%Y")
        with workspace.database.write_session() as session:
            intake.register_applicant(session, data, actor, confirm_warnings=True, today=today)
        made += 1
    return made


@dataclass
class TrainingEnvironment:
    """An open training workspace and the session behind it (what the window switches to)."""

    session: TrainingSession
    workspace: Workspace

    def close(self) -> None:
        """Close the database, then stop the simulator (stop the sync bridge before this)."""
        try:
            self.workspace.close()
        finally:
            self.session.stop()


def open_training(base_data_dir: Path, **options: Any) -> TrainingEnvironment:
    """Start a training session and open its workspace: one call for the window's runner."""
    session = TrainingSession(base_data_dir, **options)
    data_dir, _sim = session.start()
    try:
        workspace = open_workspace(data_dir)
    except BaseException:
        session.stop()
        raise
    return TrainingEnvironment(session=session, workspace=workspace)
