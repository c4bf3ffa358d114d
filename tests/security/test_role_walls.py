"""Finding 2, inside: the services check roles themselves, so neither the window nor the
command line (nor any other caller) can skip the wall by naming someone.

Accounts are checked against the database (a made-up, disabled or officer actor is refused);
services handed an ``Actor`` check its role, which only a sign-in gives: the operating-system
actor of a password-free command has none.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import bundles
from ltsa_desk.services.accounts import create_user, disable_user, find_user, set_password
from ltsa_desk.services.context import Actor
from ltsa_desk.services.permissions import NotPermitted
from ltsa_desk.services.reports import ExportRequest, Period, export_report

GOOD = "kopi-hujan-sepeda-biru"

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    """admin1 (made at set-up, when no account existed), admin2 (disabled) and petugas1."""
    with workspace.database.write_session() as session:
        create_user(session, "admin1", "admin", password=GOOD, actor="setup-wizard")
        create_user(session, "admin2", "admin", password=GOOD, actor="admin1")
        create_user(session, "petugas1", "officer", password=GOOD, actor="admin1")
        disable_user(session, "admin2", actor="admin1")
    return workspace


@SQLITE
@pytest.mark.parametrize("actor", ["petugas1", "admin2", "os:budi", "setup-wizard"])
def test_only_an_active_admin_manages_accounts(office: Workspace, actor: str) -> None:
    with office.database.write_session() as session:
        with pytest.raises(NotPermitted):
            create_user(session, "evil", "admin", password=GOOD, actor=actor)
        with pytest.raises(NotPermitted):
            set_password(session, "admin1", "jahat-sekali-kuda-terbang", actor=actor)
        with pytest.raises(NotPermitted):
            disable_user(session, "admin1", actor=actor)
        assert find_user(session, "evil") is None
        admin = find_user(session, "admin1")
        assert admin is not None and admin.active


def _actor(office: Workspace, name: str, role: str) -> Actor:
    return Actor(name, office.config.counter_id, office.config.office_code, role=role)


@SQLITE
@pytest.mark.parametrize("role", ["officer", "technician", "os"])
def test_reports_leave_the_office_only_for_the_admin(
    office: Workspace, tmp_path: Path, role: str
) -> None:
    period = Period(date(2026, 1, 1), date(2026, 1, 31))
    out = tmp_path / "laporan.csv"
    request = ExportRequest("placements", period, "csv", out)
    with pytest.raises(NotPermitted, match="tidak boleh mengekspor laporan"):
        export_report(office, request, _actor(office, "x", role))
    assert not out.exists()
    export_report(office, request, _actor(office, "admin1", "admin"))
    assert out.is_file()


@SQLITE
def test_the_bundle_walls(office: Workspace, tmp_path: Path) -> None:
    os_actor = Actor.from_os_user(office.config.counter_id, office.config.office_code)
    officer = _actor(office, "petugas1", "officer")
    with pytest.raises(NotPermitted):
        bundles.export_bundle(office, tmp_path / "b.ltsab", os_actor)
    with pytest.raises(NotPermitted):
        bundles.set_bundle_secret(office, "rahasia-bundel-kantor-panjang", officer)
    with pytest.raises(NotPermitted):
        bundles.upload_bundle(office, tmp_path / "b.ltsab", tmp_path / "r.ltsar", officer)
    with pytest.raises(NotPermitted):
        bundles.import_receipts(office, tmp_path / "r.ltsar", os_actor)
    assert not (tmp_path / "b.ltsab").exists()


def test_every_verb_of_the_command_is_in_the_role_table() -> None:
    """A verb added without a row would need the admin (the safe side), but say so here."""
    import argparse

    from ltsa_desk.cli.parser import build_parser
    from ltsa_desk.domain.permissions import OPERATION_ROLES, VERB_OPERATIONS

    keys: set[str] = set()

    def walk(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    if "verb_key" in sub._defaults:
                        keys.add(sub._defaults["verb_key"])
                        has_as = any("--as" in a.option_strings for a in sub._actions)
                        assert has_as == (VERB_OPERATIONS[sub._defaults["verb_key"]] is not None)
                    walk(sub)

    walk(build_parser())
    assert keys == set(VERB_OPERATIONS)
    assert {op for op in VERB_OPERATIONS.values() if op} <= set(OPERATION_ROLES)
