"""A million applicants on PostgreSQL for the search benchmark (`shared_office.py`): bulk-loaded
with COPY in generated order, some registered earlier than their place (a clock set back), and
vacuumed before the newest rows as the server's autovacuum would have done."""

from __future__ import annotations

import uuid
from typing import Any

from benchlib import applicant_rows

_COLUMNS = (
    "id", "tracking_code", "nik", "kk", "full_name", "name_key", "birth_place", "birth_date",
    "sex", "address", "phone", "education", "marital_status", "destination_country", "job_title",
    "sector", "agency_id", "planned_departure", "state", "regency_code", "registry_id",
    "passport_application_no", "office_code", "counter_id", "registered_at", "registered_by",
    "updated_at", "cancelled_reason",
)  # fmt: skip


UNVACUUMED = 999
"""Applicants added after the server's last vacuum of the table: the newest rows, which a name
walk reads first, as between two autovacuum visits (migration 0013 asks for one every 1,000 new
rows)."""


class _CopyLoad:
    """Generated applicants into the table through COPY, in steps; keeps what the caller needs
    afterwards (a sample, each year's last tracking number)."""

    def __init__(self, engine: Any, count: int, agencies: dict[str, Any], out_of_order: float):
        import random

        self.engine = engine
        self.rows = applicant_rows(count)
        self.agencies = agencies
        self.out_of_order = out_of_order
        self.shuffle = random.Random(19)
        self.copied = 0
        self.sample: list[dict[str, Any]] = []
        self.last_per_year: dict[int, int] = {}

    def copy_until(self, stop: int, say: Any) -> None:
        """The rows up to `stop` in one COPY, committed."""
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            statement = f"COPY applicant ({', '.join(_COLUMNS)}) FROM STDIN"
            with cursor.copy(statement) as copy:  # type: ignore[attr-defined]
                while self.copied < stop:
                    copy.write_row(self._next_row())
                    self.copied += 1
                    if self.copied % 200_000 == 0:
                        say(f"  copied {self.copied:,} applicants")
            raw.commit()
        finally:
            raw.close()

    def _next_row(self) -> tuple[Any, ...]:
        from datetime import timedelta

        row = next(self.rows)
        row["agency_id"] = self.agencies[row.pop("agency")]
        if self.out_of_order and self.shuffle.random() < self.out_of_order:
            back = timedelta(seconds=self.shuffle.randrange(1, 365 * 86400))
            row["registered_at"] -= back
        self.last_per_year[row["registered_at"].year] = int(row["tracking_code"].rsplit("-", 1)[1])
        if self.copied % 97 == 0:
            self.sample.append(row)
        return tuple(row[c] for c in _COLUMNS)


def seed_with_copy(
    url: str, count: int, say: Any, *, out_of_order: float = 0.0
) -> list[dict[str, Any]]:
    """`count` generated applicants through COPY (psycopg), agencies first; a sample comes back.

    `out_of_order`: the share of rows registered up to a year earlier than their place in the
    table says (a counter whose clock was set back), so no plan may trust table order. The table
    is vacuumed before its newest `UNVACUUMED` rows, as the server's autovacuum would have done
    (test servers often run with it off)."""
    import random

    from sqlalchemy import create_engine, insert

    from ltsa_desk import demo
    from ltsa_desk.store.models import Agency, CounterSequence
    from ltsa_desk.store.search import name_key

    agencies = {
        name: uuid.UUID(int=random.Random(f"agency{name}").getrandbits(128), version=4)
        for name in demo.AGENCIES
    }
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(
                insert(Agency.__table__),  # type: ignore[attr-defined]
                [
                    {"id": i, "name": n, "name_key": name_key(n), "verified": True}
                    for n, i in agencies.items()
                ],
            )
        load = _CopyLoad(engine, count, agencies, out_of_order)
        load.copy_until(max(0, count - UNVACUUMED), say)
        with engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM (ANALYZE) applicant"
            )
        load.copy_until(count, say)
        with engine.begin() as connection:
            connection.execute(
                insert(CounterSequence.__table__),  # type: ignore[attr-defined]
                [
                    {"counter_id": "LOTIM-01", "name": "tracking", "year": y, "last_value": v}
                    for y, v in load.last_per_year.items()
                ],
            )
            connection.exec_driver_sql("ANALYZE")
    finally:
        engine.dispose()
    return load.sample
