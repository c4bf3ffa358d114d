"""Setting a new counter up: what the set-up wizard's Simpan does, and the first account.

The wizard asks everything first and writes nothing; `set_up_counter` then makes the counter in
one go (configuration, keys, encrypted database, the destinations' tokens in the keyring, the
first Admin). A counter opened without any account (made on the command line) gets its first
Admin from the first-account dialog. All of it runs off the GUI thread, and lives here so the
window reaches neither the key store, the account table nor the sync engine's keyring.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select

from ltsa_desk.counter import keyring_home
from ltsa_desk.counter.config import Config
from ltsa_desk.counter.workspace import Workspace, initialise, open_workspace
from ltsa_desk.services import accounts
from ltsa_desk.services.sync_status import DESTINATIONS
from ltsa_desk.store.models import Officer
from sync.credentials import set_token

log = logging.getLogger(__name__)


@dataclass
class SetupValues:
    """What the technician typed, carried to the worker thread that saves it."""

    office_code: str = ""
    counter_id: str = ""
    office_name: str = ""
    urls: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    username: str = ""
    full_name: str = ""
    password: str = field(default="", repr=False)


def check_keyring() -> None:
    """Raises when this PC has no keyring the counter may keep its keys in (worker thread)."""
    keyring_home.check_keyring()


def set_up_counter(data_dir: Path, values: SetupValues) -> str:
    """Create the counter (worker thread); returns the recovery key to show once.

    Order: keyring first (no keyring, nothing written), then ``initialise`` (config, keys,
    encrypted database), URLs, tokens into the keyring, the Admin account. A retry after a
    failure part-way (say the account) reuses the counter made by the first attempt.
    """
    keyring_home.check_keyring()
    recovery = ""
    if not Config.exists(data_dir):
        made = initialise(
            data_dir,
            office_code=values.office_code,
            counter_id=values.counter_id,
            office_name=values.office_name,
        )
        recovery = made.recovery_key
    config = Config.load(data_dir)
    for name in DESTINATIONS:
        url = values.urls.get(name, "")
        if url:
            config.set(f"{name}.url", url)
    config.save()
    for name, token in values.tokens.items():
        if token:
            set_token(name, config.office_code, token, url=values.urls.get(name) or None)
    workspace = open_workspace(data_dir)
    try:
        with workspace.database.write_session() as session:
            if accounts.find_user(session, values.username) is None:
                accounts.create_user(
                    session,
                    values.username,
                    accounts.Role.ADMIN.value,
                    password=values.password,
                    full_name=values.full_name,
                    actor="setup-wizard",
                )
        # Opening reissues a recovery key that was never confirmed shown: that one is valid now.
        recovery = workspace.new_recovery_key or recovery
    finally:
        workspace.close()
    log.info("counter %s/%s set up by the wizard", values.office_code, values.counter_id)
    return recovery


def needs_first_account(workspace: Workspace) -> bool:
    """Whether the database holds no account at all: nobody could sign in yet."""
    with workspace.database.session() as session:
        return int(session.exec(select(func.count()).select_from(Officer)).one()) == 0


def create_first_admin(workspace: Workspace, username: str, password: str, full_name: str) -> None:
    """Runs on the runner: argon2 hashing and the write stay off the GUI thread."""
    with workspace.database.write_session() as session:
        accounts.create_user(
            session,
            username,
            accounts.Role.ADMIN.value,
            password=password,
            full_name=full_name,
            actor="first-run",
        )
