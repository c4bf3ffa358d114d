"""Doctor's check of a shared office's server: autovacuum, which the name search relies on."""

from __future__ import annotations

import pytest

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.technician.doctor import run_checks

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("database_url", ["postgres"], indirect=True),
]


def test_autovacuum_off_on_the_office_server(workspace: Workspace) -> None:
    """Whether the server itself runs autovacuum is the server's (this test cannot change it):
    the check says what it says. Off for the applicant table is a warning, whatever the server."""
    with workspace.database.engine.connect() as connection:
        server = connection.exec_driver_sql("SHOW autovacuum").scalar_one()
    checks = {check.name: check for check in run_checks(workspace.data_dir, network=False)}
    assert checks["autovacuum"].ok == (server == "on")
    assert checks["autovacuum"].facts["server"] == server
    with workspace.database.writer.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE applicant SET (autovacuum_enabled = false)")
    checks = {check.name: check for check in run_checks(workspace.data_dir, network=False)}
    check = checks["autovacuum"]
    assert not check.ok and not check.blocking and "autovacuum mati" in check.detail
    assert check.facts["applicant_table"] == "false"
