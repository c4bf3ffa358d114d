"""Changing one setting of the counter: the same rule from the window's Pengaturan page (an
admin's page) and from `config set` (the technician at the PC).

Each value is judged by the configuration itself (`Config.set`: a ``ConfigError`` naming the key,
nothing saved); what `init` fixed (the office, the database and its id) is refused here, since
changing it would point the counter at another register.
"""

from __future__ import annotations

from ltsa_desk.counter.config import Config, ConfigError

__all__ = ["FIXED_AT_INIT", "change_setting"]

FIXED_AT_INIT = frozenset({"office.code", "database.url", "database.id"})


def change_setting(config: Config, key: str, value: str) -> str:
    """Judge and save one setting; the value as stored (normalised by its judge)."""
    if key in FIXED_AT_INIT:
        raise ConfigError(f"{key} ditetapkan saat 'init' dan tidak diubah di sini")
    stored = config.set(key, value)
    config.save()
    return str(stored)
