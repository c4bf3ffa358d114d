"""The support bundle: what a helpdesk needs, and nothing it must not see."""

from __future__ import annotations

import json
import logging

import pytest
from caretools import connect, nik, register, run, zip_texts
from sqlalchemy import update

from ltsa_desk.counter import keyring_home
from ltsa_desk.counter.logging_setup import LOG_DIR, LOG_FILE, setup_logging
from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.technician.backup import make_backup
from sync.models import OutboxItem
from sync.sim.process import SimHandle


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_support_bundle_contents_and_no_secrets(
    workspace: Workspace, actor: Actor, sim: SimHandle, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    data_dir = workspace.data_dir
    connect(workspace, sim)
    applicant = register(workspace, actor, 1)
    register(workspace, actor, 2)
    make_backup(workspace.config)
    # A refusal whose remote text quotes the NIK, as real systems do.
    with workspace.database.writer.begin() as connection:
        connection.execute(
            update(OutboxItem)
            .where(OutboxItem.seq == 1)
            .values(state="needs_attention", last_status=422, last_error=f"nik {nik(1)} invalid")
        )
    # A log written by this version (masked) and a rotated one from an older version (not).
    path = setup_logging(data_dir)
    try:
        logging.getLogger("ltsa_desk.test").warning("registered %s", nik(2))
    finally:
        root = logging.getLogger()
        for handler in list(root.handlers):
            if handler.__class__.__name__ == "_LazyRotatingFileHandler":
                root.removeHandler(handler)
                handler.close()
    (data_dir / LOG_DIR / f"{LOG_FILE}.1").write_text(
        f"2025-01-01 08:00:00 INFO old: NIK {nik(1)} Authorization: Bearer {sim.token}\n",
        encoding="utf-8",
    )
    assert path.exists()
    out = tmp_path / "kirim" / "bundel.zip"

    result = run("support-bundle", out, "--json", data_dir=data_dir)
    assert result.code == 0, str(result)
    assert result.json()["bundle"]["path"] == str(out)
    members = zip_texts(out)
    assert set(members) >= {
        "README.txt",
        "doctor.json",
        "config.json",
        "sync-status.json",
        "system.json",
        "logs/ltsa-desk.log",
        "logs/ltsa-desk.log.1",
    }
    doctor = json.loads(members["doctor.json"])
    assert {"integrity", "backup", "reachability_registry"} <= {c["name"] for c in doctor["checks"]}
    config = json.loads(members["config.json"])["values"]
    assert config["office.code"] == "52.03" and config["registry.url"] == sim.registry_url
    queue = json.loads(members["sync-status.json"])
    assert queue["status"]["totals"]["pending"] == 1
    assert queue["status"]["totals"]["needs_attention"] == 1
    attention = queue["needs_attention"][0]
    assert attention["last_status"] == 422 and "5203••••••••0001" in attention["last_error"]
    assert {"destination", "kind", "state", "count"} <= set(queue["by_kind"][0])
    system = json.loads(members["system.json"])
    assert system["backups"] and system["keyring_backend"].endswith("PlaintextKeyring")
    assert "5203••••••••0001" in members["logs/ltsa-desk.log.1"].decode()

    database_key = keyring_home.load_database_key(workspace.database.info.database_id).hex()
    forbidden = [nik(1), nik(2), sim.token, database_key, applicant.full_name, "Budi Santoso"]
    for name, content in members.items():
        text = content.decode("utf-8")
        for secret in forbidden:
            assert secret not in text, (name, secret)


def test_support_bundle_of_a_broken_counter(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """No configuration at all: the bundle is still made, and says so (that is when it helps)."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    out = tmp_path / "bundel.zip"
    result = run("support-bundle", out, data_dir=data_dir)
    assert result.code == 0, str(result)
    members = zip_texts(out)
    assert "error" in json.loads(members["config.json"])
    assert "error" in json.loads(members["sync-status.json"])
    doctor = json.loads(members["doctor.json"])
    assert doctor["ok"] is False
