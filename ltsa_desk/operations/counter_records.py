"""The technician's word in the register's audit log: a hand-edited configuration accepted, a
restored register that now serves another folder.

Both were written by the command line itself (a write session opened in the verb around
``services.audit``); as operations they own the session and the role check like every other
action, so the window's settings page can accept a configuration by the same rule one day.
"""

from __future__ import annotations

from dataclasses import dataclass

from ltsa_desk.counter.config import Config
from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.operations.refused import Refused
from ltsa_desk.services import audit
from ltsa_desk.services.context import Actor

__all__ = ["Accepted", "accept_configuration", "record_counter_move"]


@dataclass(frozen=True)
class Accepted:
    """The configuration as sealed, and the keys the admin's edit left in it."""

    config: Config
    keys: list[str]


def accept_configuration(counter: Workspace, actor: Actor) -> Accepted:
    """Seal ``config.toml`` as it is now, after a deliberate hand edit: an admin only.

    ``Config.accept`` judges every value as ``config set`` does, so a value the app would refuse
    is refused here too (``ConfigError``, naming the key) and nothing is sealed or recorded.
    """
    if actor.role != "admin":
        raise Refused(
            f"Pengguna '{actor.username}' bukan admin; hanya admin yang boleh menyetujui "
            "perubahan konfigurasi",
            field="as",
            reason="not_permitted",
        )
    config, keys = Config.accept(counter.data_dir)
    with counter.database.write_session() as session:
        audit.record(
            session,
            actor=actor.username,
            action="config.accept",
            entity="counter",
            after={"file": str(config.path), "keys": keys},
            counter_id=config.counter_id,
        )
        session.commit()
    return Accepted(config=config, keys=keys)


def record_counter_move(
    counter: Workspace,
    before: tuple[str, str],
    after: tuple[str, str],
    actor_name: str | None,
) -> None:
    """`restore --move`: the restored register records that it now serves this folder (office
    and counter ``after``, the archive's), and who said it was a move: the authenticated
    account, or the operating-system account at set-up."""
    office, counter_id = after
    name = actor_name or Actor.from_os_user(counter_id, office).username
    with counter.database.write_session() as session:
        audit.record(
            session,
            actor=name,
            action="restore.move",
            entity="counter",
            before={"office_code": before[0], "counter_id": before[1]},
            after={"office_code": office, "counter_id": counter_id},
        )
        session.commit()
