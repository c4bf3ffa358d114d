"""The accounts' operations on real databases: the one door of the Pengguna screen and `user`.

Each opens its own session, keeps the service's rules (an admin acts; no account is deleted; the
last active admin stays) and refuses in one error type with the field at fault, writing nothing.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.operations import accounts
from ltsa_desk.operations.refusal import Refused
from ltsa_desk.services.context import Actor

PASSWORD = "kata-sandi-yang-panjang-7"


def first_admin(workspace: Workspace, actor: Actor) -> Actor:
    """The counter's first admin (free while no account can sign in), as the acting account."""
    added = accounts.add_account(
        workspace, actor, "Admin1", "admin", password=PASSWORD, full_name="Ani"
    )
    assert (added.username, added.role, added.active) == ("admin1", "admin", True)
    return replace(actor, username="admin1", role="admin")


def listed(workspace: Workspace) -> dict[str, tuple[str, bool, bool]]:
    return {
        row["username"]: (row["role"], row["active"], row["has_password"])
        for row in accounts.list_accounts(workspace)
    }


def test_an_admin_manages_the_accounts(workspace: Workspace, actor: Actor) -> None:
    admin = first_admin(workspace, actor)
    accounts.add_account(workspace, admin, "budi", "officer", password=None, full_name="Budi")
    assert listed(workspace) == {"admin1": ("admin", True, True), "budi": ("officer", True, False)}
    assert accounts.reset_password(workspace, admin, "BUDI", PASSWORD) == "budi"
    assert not accounts.set_active(workspace, admin, "budi", False).active
    assert listed(workspace)["budi"] == ("officer", False, True)
    assert accounts.set_active(workspace, admin, "budi", True).active


def test_refusals_name_the_field_and_write_nothing(workspace: Workspace, actor: Actor) -> None:
    admin = first_admin(workspace, actor)
    accounts.add_account(workspace, admin, "budi", "officer", password=PASSWORD)
    before = listed(workspace)
    with pytest.raises(Refused) as taken:
        accounts.add_account(workspace, admin, "Budi", "officer", password=None)
    assert (taken.value.field, taken.value.reason) == ("username", "account")
    assert "sudah dipakai" in taken.value.message
    with pytest.raises(Refused) as last:
        accounts.set_active(workspace, replace(admin, username="budi"), "admin1", False)
    assert last.value.field == "as", "an officer manages no account"
    with pytest.raises(Refused) as own:
        accounts.set_active(workspace, admin, "admin1", False)
    assert own.value.field == "username"
    with pytest.raises(Refused) as unknown:
        accounts.reset_password(workspace, admin, "siapa", PASSWORD)
    assert (unknown.value.field, unknown.value.reason) == ("username", "account")
    assert listed(workspace) == before
