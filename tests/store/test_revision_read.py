"""The schema revision read without Alembic (issue 19: every verb opens the database, and Alembic
costs 0.3-0.4 s to import). The light readers must give Alembic's own answers."""

from __future__ import annotations

from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from ltsa_desk.store.database import (
    MIGRATIONS_DIR,
    create_database,
    current_revision,
    head_revision,
    open_database,
    sqlite_path,
)
from ltsa_desk.store.engine import create_store_engine


def test_head_revision_is_alembics_head() -> None:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert head_revision() == ScriptDirectory.from_config(config).get_current_head()


def test_current_revision_is_alembics_before_and_after_creation(database_url: str) -> None:
    engine = create_store_engine(database_url)
    try:
        with engine.connect() as connection:
            assert current_revision(connection) is None
            assert MigrationContext.configure(connection).get_current_revision() is None
    finally:
        engine.dispose()
    path = sqlite_path(database_url)
    if path is not None:
        path.unlink()  # the empty file the look made; create_database refuses an existing one
    create_database(database_url, office_code="52.03", counter_id="LOTIM-01")
    database = open_database(database_url)
    try:
        with database.engine.connect() as connection:
            expected = MigrationContext.configure(connection).get_current_revision()
            assert current_revision(connection) == expected == head_revision()
    finally:
        database.close()
