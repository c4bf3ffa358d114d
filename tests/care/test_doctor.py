"""Doctor's checks of a counter's surroundings, each made to fail once on purpose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import keyring
import pytest
from caretools import connect, register, run
from keyring.backends import fail
from sqlalchemy import update

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.technician import doctor
from ltsa_desk.technician.backup import make_backup
from ltsa_desk.technician.doctor import Check, healthy, run_checks, surroundings
from sync.models import OutboxItem
from sync.sim.process import SimHandle

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def checks_of(workspace: Workspace, **kwargs: object) -> dict[str, Check]:
    return {check.name: check for check in run_checks(workspace.data_dir, **kwargs)}  # type: ignore[arg-type]


def test_a_healthy_connected_counter(workspace: Workspace, sim: SimHandle, actor: Actor) -> None:
    connect(workspace, sim)
    register(workspace, actor, 1)
    make_backup(workspace.config)
    checks = checks_of(workspace)
    for name in (
        "disk_space", "keyring", "credentials_registry", "credentials_immigration",
        "reachability_registry", "reachability_immigration", "database", "wal", "migrations",
        "integrity", "clock", "backup", "oldest_pending",
    ):  # fmt: skip
        assert checks[name].ok, checks[name]
    assert checks["database"].facts["size_bytes"] > 0
    assert checks["clock"].facts["compared_with"] in ("registry", "immigration")
    assert checks["oldest_pending"].facts["destination"] == "registry"
    assert sim.token not in repr(list(checks.values()))


def test_disk_space(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(surroundings, "MIN_FREE_BYTES", 10**18)
    check = checks_of(workspace, network=False)["disk_space"]
    assert not check.ok and check.blocking and "ruang kosong" in check.detail


def test_wal_size(workspace: Workspace, actor: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    register(workspace, actor, 1)  # the open workspace keeps a WAL with this commit in it
    monkeypatch.setattr(surroundings, "MAX_WAL_BYTES", 0)
    check = checks_of(workspace, network=False)["wal"]
    assert not check.ok and check.facts["wal_bytes"] > 0 and "checkpoint" in check.detail


def test_migrations_behind(workspace: Workspace) -> None:
    with workspace.database.writer.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0001'")
    checks = checks_of(workspace, network=False)
    assert not checks["migrations"].ok and "0001" in checks["migrations"].detail
    assert "database" not in checks  # not called damaged: it only needs its update


def test_keyring_backend_missing(workspace: Workspace) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        checks = checks_of(workspace, network=False)
    finally:
        keyring.set_keyring(previous)
    assert not checks["keyring"].ok and "Credential Manager" in checks["keyring"].detail


def test_credentials_missing_and_destination_offline(
    workspace: Workspace, closed_port: int
) -> None:
    workspace.config.set("registry.url", f"http://127.0.0.1:{closed_port}/registry")
    workspace.config.save()
    checks = checks_of(workspace)
    credentials = checks["credentials_registry"]
    assert not credentials.ok and credentials.facts["present"] is False
    assert "credentials set registry" in credentials.detail
    assert checks["credentials_immigration"].ok  # not configured: nothing to check
    offline = checks["reachability_registry"]
    assert not offline.ok and offline.severity == doctor.WARNING and not offline.blocking
    assert offline.facts["problem"] == "refused" and "offline" in offline.detail
    assert "reachability_immigration" not in checks


def test_clock_against_a_server_and_without_one(workspace: Workspace, sim: SimHandle) -> None:
    connect(workspace, sim)
    ahead = datetime.now(UTC) + timedelta(hours=2)
    check = checks_of(workspace, now=ahead)["clock"]
    assert not check.ok and "lebih cepat" in check.detail and check.facts["skew_s"] > 7000
    workspace.config.set("registry.url", "http://127.0.0.1:9/registry")
    workspace.config.set("immigration.url", "http://127.0.0.1:9/immigration")
    workspace.config.save()
    reset = datetime(2019, 1, 1, tzinfo=UTC)  # a dead CMOS battery
    check = checks_of(workspace, now=reset)["clock"]
    assert not check.ok and "tidak masuk akal" in check.detail


def test_backup_age(workspace: Workspace) -> None:
    later = datetime.now(UTC) + timedelta(days=10)
    check = checks_of(workspace, network=False, now=later)["backup"]
    assert not check.ok and "tidak ada cadangan" in check.detail
    make_backup(workspace.config)
    check = checks_of(workspace, network=False, now=later)["backup"]
    assert not check.ok and check.facts["age_hours"] > 200
    assert checks_of(workspace, network=False)["backup"].ok


def test_oldest_pending_item(workspace: Workspace, actor: Actor) -> None:
    register(workspace, actor, 1)
    with workspace.database.writer.begin() as connection:
        connection.execute(
            update(OutboxItem).values(created_at=datetime.now(UTC) - timedelta(days=2))
        )
    checks = checks_of(workspace, network=False)
    check = checks["oldest_pending"]
    assert not check.ok and check.severity == doctor.WARNING and check.facts["age_s"] > 86_400
    assert healthy([c for c in checks.values() if c.name != "backup"])


def test_doctor_verb_reports_warnings_without_failing(
    workspace: Workspace, closed_port: int
) -> None:
    workspace.config.set("immigration.url", f"http://127.0.0.1:{closed_port}/immigration")
    workspace.config.save()
    from sync.credentials import set_token

    set_token("immigration", "52.03", "token-uji-dokter")
    result = run("doctor", "--json", data_dir=workspace.data_dir)
    assert result.code == 0, str(result)
    payload = result.json()
    assert payload["ok"] is True and payload["warnings"] == ["reachability_immigration"]
    for check in payload["checks"]:
        assert {"name", "ok", "severity", "detail"} <= set(check)
    assert "token-uji-dokter" not in result.stdout
    text = run("doctor", data_dir=workspace.data_dir)
    assert text.code == 0 and "[AWAS ] reachability_immigration" in text.stdout


def test_a_counter_of_its_own_has_no_autovacuum_check(workspace: Workspace) -> None:
    assert "autovacuum" not in checks_of(workspace, network=False)
