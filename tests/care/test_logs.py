"""The log file after real work: UTC times, one logger per module, no NIK and never a token."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from caretools import ROOT, connect, nik, run

from ltsa_desk.counter.logging_setup import log_files, setup_logging
from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import case_order, documents, intake
from ltsa_desk.services.context import Actor
from ltsa_desk.services.sync_hooks import HOOKS
from ltsa_desk.services.sync_setup import destination_configs
from ltsa_desk.technician.connection_test import check_all
from sync.credentials import set_token
from sync.engine import EngineSettings, SyncEngine
from sync.sim.process import SimHandle

LINE = re.compile(
    r"^(?P<when>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})Z "
    r"(?P<level>[A-Z]+) (?P<name>[\w.]+) \[\d+\]: "
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WRONG_TOKEN = "token-lama-yang-sudah-dicabut"


@pytest.fixture
def log_to_data_dir(workspace: Workspace, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The data folder's log at DEBUG, every library included, in a time zone that is not UTC
    (WITA: a local-time stamp would be 8 hours off)."""
    monkeypatch.setenv("TZ", "Asia/Makassar")
    tzset = getattr(time, "tzset", lambda: None)  # POSIX; Windows keeps its own zone
    tzset()
    path = setup_logging(workspace.data_dir, level=logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.setLevel(logging.DEBUG)
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield path
    finally:
        for handler in list(root.handlers):
            if handler.__class__.__name__ == "_LazyRotatingFileHandler":
                root.removeHandler(handler)
                handler.close()
        root.setLevel(old_level)
        monkeypatch.delenv("TZ")
        tzset()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_no_nik_and_no_token_in_the_log_after_intake_and_sync(
    qtbot, workspace: Workspace, actor: Actor, sim: SimHandle, log_to_data_dir: Path
) -> None:
    from ltsa_desk.ui.workers import Runner

    data_dir = workspace.data_dir
    connect(workspace, sim)
    set_token("registry", "52.03", WRONG_TOKEN)  # a revoked token: the first sync is refused
    person = nik(1)
    # A full intake: the CPMI, a scanned KTP, the passport request (two submissions).
    with workspace.database.write_session() as session:
        applicant = intake.register_applicant(
            session,
            {
                "nik": person,
                "full_name": "Siti Aminah",
                "birth_date": "12-05-1990",
                "sex": "L",
                "birth_place": "Selong",
                "address": "Jl. Pejanggik 12, Selong",
                "phone": "081234567890",
                "destination_country": "MY",
                "planned_departure": (datetime.now() + timedelta(days=90)).strftime("%d-%m-%Y"),
            },
            actor,
        ).applicant
        documents.attach(session, workspace.attachments, applicant.id, "ktp", PDF, actor)
    with workspace.database.write_session() as session:
        applicant = documents.get_applicant(session, applicant.id)
        admin = replace(actor, username="admin1", role="admin")  # papers on paper: a skip
        case_order.skip_order(session, applicant, "passport_requested", admin, "Register lama")
    # The officer types the same NIK again: the window's worker logs the refusal, NIK inside.
    runner = Runner()
    failures: list[BaseException] = []

    def twin() -> None:
        with workspace.database.write_session() as session:
            intake.register_applicant(
                session,
                {"nik": person, "full_name": "Siti Aminah", "birth_date": "12-05-1990", "sex": "L"},
                actor,
            )

    runner.run(twin, on_error=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    # Sync with the revoked token (paused), the technician's new token, then everything leaves.
    engine = SyncEngine(
        workspace.database.writer,
        destination_configs(workspace.config),
        hooks=HOOKS,
        settings=EngineSettings(lease_seconds=2, retry_initial_s=0.05, probe_initial_s=0.05),
    )
    engine.run_pass()
    engine.stop()
    check_all(workspace.config, timeout=2)  # the connection test, with both tokens in hand
    stored = run(
        "credentials", "set", "registry", "--token-stdin", data_dir=data_dir, input=sim.token + "\n"
    )
    assert stored.code == 0, str(stored)
    synced = run("sync", "run", "--until-empty", "--timeout", "60", data_dir=data_dir)
    assert synced.code == 0, str(synced)
    assert sim.stats()["immigration"]["applied"] == 1, "the whole intake reached both systems"
    assert run("doctor", data_dir=data_dir).code == 0
    for handler in logging.getLogger().handlers:
        handler.flush()

    text = "".join(path.read_text(encoding="utf-8") for path in log_files(data_dir))
    assert "5203••••••••0001" in text, "the refused twin reached the log, masked"
    assert "Traceback" in text
    for secret in (person, sim.token, WRONG_TOKEN, "Siti Aminah"):
        assert secret not in text, secret
    stamps = [LINE.match(line) for line in text.splitlines() if line and line[0].isdigit()]
    assert stamps and all(stamps), "every record starts with a UTC time, level and logger"
    first = datetime.fromisoformat(stamps[0]["when"]).replace(tzinfo=UTC)
    assert abs(datetime.now(UTC) - first) < timedelta(minutes=10), "UTC, not WITA"
    names = {m["name"] for m in stamps if m}
    assert "ltsa_desk.ui.workers" in names and "ltsa_desk.technician.connection_test" in names


def test_a_logger_per_module() -> None:
    """Each module logs under its own dotted name, so a line says where it came from."""
    # the root handler
    allowed = {"ltsa_desk/counter/logging_setup.py"}
    offenders = []
    for folder in ("ltsa_desk", "sync"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith("sync/sim/") or relative in allowed:
                continue  # the simulator is a separate program with its own log
            if "/migrations/" in relative:
                continue  # alembic loads revision files under names of its own making
            for match in re.finditer(r"logging\.getLogger\(([^)]*)\)", path.read_text("utf-8")):
                if match.group(1) != "__name__":
                    offenders.append(f"{relative}: getLogger({match.group(1)})")
    assert not offenders, offenders
