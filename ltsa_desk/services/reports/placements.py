"""``placements``: the CPMI registered in the period, counted every way the district reports upward
(destination country, sector, sex, education, marital status, P3MI, month), with one detail row per
CPMI.

The counts are made while the detail rows stream to the writer, so 100,000 CPMI cost one pass over
the applicant table in registration order (its index), and memory holds only the counters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from ltsa_desk.domain.countries import country_name_id
from ltsa_desk.domain.values import (
    EDUCATION_LEVELS,
    MARITAL_STATUS_LABELS_ID,
    SECTOR_LABELS_ID,
    SEX_LABELS_ID,
    InvalidValue,
)
from ltsa_desk.domain.workflow import STATE_LABELS_ID
from ltsa_desk.services.reports.base import (
    NOT_FILLED,
    ChartSpec,
    Column,
    DetailSection,
    KindContext,
    ReportPlan,
    Summary,
    SummaryTable,
    counted_desc,
    label_or_missing,
    thousands_id,
)
from ltsa_desk.services.reports.shapes import count_where, in_period, local_month, per_month_table
from ltsa_desk.store.models import Agency, Applicant

KIND = "placements"
BATCH = 2000

APPLICANT = Applicant.__table__  # type: ignore[attr-defined]
AGENCY = Agency.__table__  # type: ignore[attr-defined]

DETAIL_COLUMNS = [
    Column("Kode pelacakan", "text", 24, wrap=False),
    Column("NIK", "text", 18, wrap=False),
    Column("Nama", "text", 28),
    Column("Jenis kelamin", "text", 12),
    Column("Tanggal lahir", "date", 12),
    Column("Pendidikan", "text", 12),
    Column("Status perkawinan", "text", 14),
    Column("Kode negara", "text", 8, wrap=False),
    Column("Negara tujuan", "text", 18),
    Column("Sektor", "text", 10),
    Column("Jabatan", "text", 20),
    Column("P3MI", "text", 28),
    Column("Tanggal daftar", "datetime", 17),
    Column("Status kasus", "text", 16),
    Column("Loket", "text", 12, wrap=False),
]


@cache
def country_name(code: str) -> str:
    """Indonesian name of an ISO code; an unknown code is shown as stored, never dropped."""
    try:
        return country_name_id(code)
    except InvalidValue:
        return code


def plan(session: Session, context: KindContext) -> ReportPlan:
    """Count and counters first (cheap, on the registration-time index), rows streamed later."""
    where = in_period(APPLICANT.c.registered_at, context)
    total = count_where(session, APPLICANT, where)
    counters = sorted(
        str(value)
        for value in session.execute(
            select(APPLICANT.c.counter_id).distinct().where(where)
        ).scalars()
    )
    tally = _Tally()

    def rows() -> Iterator[tuple[Any, ...]]:
        statement = (
            select(
                APPLICANT.c.tracking_code,
                APPLICANT.c.nik,
                APPLICANT.c.full_name,
                APPLICANT.c.sex,
                APPLICANT.c.birth_date,
                APPLICANT.c.education,
                APPLICANT.c.marital_status,
                APPLICANT.c.destination_country,
                APPLICANT.c.sector,
                APPLICANT.c.job_title,
                AGENCY.c.name,
                APPLICANT.c.registered_at,
                APPLICANT.c.state,
                APPLICANT.c.counter_id,
            )
            .select_from(APPLICANT.outerjoin(AGENCY, APPLICANT.c.agency_id == AGENCY.c.id))
            .where(where)
            .order_by(APPLICANT.c.registered_at, APPLICANT.c.tracking_code)
            .execution_options(yield_per=BATCH)
        )
        zone = context.zone
        for (
            tracking,
            nik,
            name,
            sex,
            born,
            education,
            marital,
            country,
            sector,
            job,
            agency,
            registered,
            state,
            counter,
        ) in session.execute(statement):
            local, month = local_month(registered, zone)
            sex_label = label_or_missing(SEX_LABELS_ID, sex)  # type: ignore[arg-type]
            marital_label = label_or_missing(MARITAL_STATUS_LABELS_ID, marital)  # type: ignore[arg-type]
            sector_label = label_or_missing(SECTOR_LABELS_ID, sector)  # type: ignore[arg-type]
            country_label = country_name(country) if country else NOT_FILLED
            tally.add(
                month=month,
                country=country or "",
                sector=sector_label,
                sex=sex_label,
                education=education or NOT_FILLED,
                marital=marital_label,
                agency=agency or NOT_FILLED,
                state=label_or_missing(STATE_LABELS_ID, state),  # type: ignore[arg-type]
            )
            yield (
                tracking,
                nik,
                name,
                sex_label,
                born,
                education or "",
                marital_label if marital else "",
                country or "",
                country_label if country else "",
                sector_label if sector else "",
                job or "",
                agency or "",
                local,
                label_or_missing(STATE_LABELS_ID, state),  # type: ignore[arg-type]
                counter,
            )

    section = DetailSection(
        key="applicants",
        title="Data CPMI",
        columns=DETAIL_COLUMNS,
        total=total,
        rows=rows,
        empty_note="Tidak ada CPMI yang terdaftar pada periode ini.",
    )
    notes = (
        [f"Jumlah CPMI terdaftar pada periode ini: {thousands_id(total)} orang."]
        if total
        else ["Tidak ada CPMI yang terdaftar pada periode ini."]
    )
    return ReportPlan(
        kind=KIND,
        counters=counters,
        sections=[section],
        summarize=lambda: tally.summary(context),
        notes=notes,
    )


class _Tally:
    """The counters, filled as rows stream past."""

    def __init__(self) -> None:
        self.months: Counter[tuple[int, int]] = Counter()
        self.countries: Counter[str] = Counter()
        self.sectors: Counter[str] = Counter()
        self.sexes: Counter[str] = Counter()
        self.education: Counter[str] = Counter()
        self.marital: Counter[str] = Counter()
        self.agencies: Counter[str] = Counter()
        self.states: Counter[str] = Counter()
        self.total = 0

    def add(
        self,
        *,
        month: tuple[int, int],
        country: str,
        sector: str,
        sex: str,
        education: str,
        marital: str,
        agency: str,
        state: str,
    ) -> None:
        self.total += 1
        self.months[month] += 1
        self.countries[country] += 1
        self.sectors[sector] += 1
        self.sexes[sex] += 1
        self.education[education] += 1
        self.marital[marital] += 1
        self.agencies[agency] += 1
        self.states[state] += 1

    def summary(self, context: KindContext) -> Summary:
        if not self.total:
            return Summary(notes=["Tidak ada CPMI yang terdaftar pada periode ini."])
        count = Column("Jumlah", "int", 10)
        tables = [
            per_month_table(
                "month",
                "CPMI terdaftar per bulan",
                [count],
                lambda month: [self.months.get(month, 0)],
                context.period,
            ),
            SummaryTable(
                "country",
                "Negara tujuan",
                [
                    Column("Kode negara", "text", 8, wrap=False),
                    Column("Negara tujuan", "text", 24),
                    count,
                ],
                [
                    (code or NOT_FILLED, country_name(code) if code else NOT_FILLED, n)
                    for code, n in counted_desc(self.countries)
                ],
                ChartSpec("bar", "Negara tujuan", category_column=1, value_columns=(2,)),
            ),
            SummaryTable(
                "sector",
                "Sektor",
                [Column("Sektor", "text", 18), count],
                counted_desc(self.sectors),
                ChartSpec("pie", "Sektor"),
            ),
            SummaryTable(
                "sex",
                "Jenis kelamin",
                [Column("Jenis kelamin", "text", 18), count],
                counted_desc(self.sexes),
                ChartSpec("pie", "Jenis kelamin"),
            ),
            SummaryTable(
                "education",
                "Pendidikan terakhir",
                [Column("Pendidikan", "text", 18), count],
                _education_order(self.education),
                ChartSpec("bar", "Pendidikan terakhir", max_points=20, ranked=False),
            ),
            SummaryTable(
                "marital",
                "Status perkawinan",
                [Column("Status perkawinan", "text", 18), count],
                counted_desc(self.marital),
                ChartSpec("pie", "Status perkawinan"),
            ),
            SummaryTable(
                "agency",
                "P3MI",
                [Column("P3MI", "text", 32), count],
                counted_desc(self.agencies),
                ChartSpec("bar", "P3MI"),
            ),
            SummaryTable(
                "state",
                "Status kasus saat laporan dibuat",
                [Column("Status kasus", "text", 18), count],
                counted_desc(self.states),
            ),
        ]
        return Summary(
            tables=tables,
            notes=[f"Jumlah CPMI terdaftar pada periode ini: {thousands_id(self.total)} orang."],
        )


def _education_order(counts: Counter[str]) -> list[tuple[str, int]]:
    """School levels lowest first (the way the labour office reads them), free text after."""
    rank = {level: index for index, level in enumerate(EDUCATION_LEVELS)}
    return sorted(
        counts.items(),
        key=lambda item: (item[0] == NOT_FILLED, rank.get(item[0], len(rank)), -item[1], item[0]),
    )
