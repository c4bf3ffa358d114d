"""a P3MI's open cases by index: ``ix_applicant_agency_state`` on applicant (agency_id, state)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

Pencarian's "Pilih semua CPMI P3MI ini" (issue 19's group actions) reads every open case of one
P3MI from the whole register, not from the loaded page. Without an index on the P3MI the database
either walks the state index's open cases of every P3MI or scans the register: 0.4-2.0 s at
100,000 CPMI, growing with the years. With the P3MI first and the state second, the one P3MI's
open cases are read alone. Both engines; the model declares the same index.
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

INDEX = "ix_applicant_agency_state"


def upgrade() -> None:
    op.create_index(INDEX, "applicant", ["agency_id", "state"], if_not_exists=True)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="applicant", if_exists=True)
