"""``documents``: letters issued (SPR, passport recommendation) by month and officer, and the
documents refused at the counter with the reasons given.

Refusals are read from the audit log (``document.reject``), not from the document rows: a refused
paper is usually replaced days later, and the row then says "received" again. The audit log is
append-only, so a month's refusals stay countable after the CPMI brought the new paper.
Voided letters are listed in the detail but not counted: the number was cancelled.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from ltsa_desk.domain.documents import DOCUMENT_KIND_LABELS_ID
from ltsa_desk.services.letters import LetterKind, letter_title
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
    thousands_id,
    to_local_naive,
)
from ltsa_desk.services.reports.common import applicants_by_id, officer_names
from ltsa_desk.services.reports.shapes import (
    batched,
    count_where,
    in_period,
    local_month,
    per_month_table,
)
from ltsa_desk.store.models import Applicant, AuditLog, Letter

KIND = "documents"
BATCH = 1000
REJECT_ACTION = "document.reject"

LETTER = Letter.__table__  # type: ignore[attr-defined]
APPLICANT = Applicant.__table__  # type: ignore[attr-defined]
AUDIT = AuditLog.__table__  # type: ignore[attr-defined]

SPR = LetterKind.SPR.value
RECOMMENDATION = LetterKind.PASSPORT_RECOMMENDATION.value
LETTER_SHORT = {SPR: "SPR", RECOMMENDATION: "Rekomendasi paspor"}

LETTER_COLUMNS = [
    Column("Nomor surat", "text", 30, wrap=False),
    Column("Jenis surat", "text", 28),
    Column("Tanggal terbit", "datetime", 17),
    Column("Petugas", "text", 16),
    Column("Nama petugas", "text", 24),
    Column("Kode pelacakan", "text", 24, wrap=False),
    Column("Nama CPMI", "text", 28),
    Column("Loket", "text", 12, wrap=False),
    Column("Dibatalkan", "text", 10),
]
REJECTION_COLUMNS = [
    Column("Tanggal ditolak", "datetime", 17),
    Column("Dokumen", "text", 26),
    Column("Alasan", "text", 48),
    Column("Petugas", "text", 16),
    Column("Kode pelacakan", "text", 24, wrap=False),
    Column("Nama CPMI", "text", 28),
    Column("Loket", "text", 12, wrap=False),
]


def plan(session: Session, context: KindContext) -> ReportPlan:
    letters_where = in_period(LETTER.c.issued_at, context)
    rejects_where = (AUDIT.c.action == REJECT_ACTION) & in_period(AUDIT.c.at, context)
    letter_total = count_where(session, LETTER, letters_where)
    reject_total = count_where(session, AUDIT, rejects_where)
    counters = set(
        session.execute(
            select(APPLICANT.c.counter_id)
            .distinct()
            .select_from(LETTER.join(APPLICANT, LETTER.c.applicant_id == APPLICANT.c.id))
            .where(letters_where)
        ).scalars()
    )
    counters |= {
        value
        for value in session.execute(
            select(AUDIT.c.counter_id).distinct().where(rejects_where)
        ).scalars()
        if value
    }
    names = officer_names(session)
    tally = _Tally(names)
    zone = context.zone

    def letter_rows() -> Iterator[tuple[Any, ...]]:
        statement = (
            select(
                LETTER.c.number,
                LETTER.c.kind,
                LETTER.c.issued_at,
                LETTER.c.issued_by,
                LETTER.c.revoked,
                APPLICANT.c.tracking_code,
                APPLICANT.c.full_name,
                APPLICANT.c.counter_id,
            )
            .select_from(LETTER.join(APPLICANT, LETTER.c.applicant_id == APPLICANT.c.id))
            .where(letters_where)
            .order_by(LETTER.c.issued_at, LETTER.c.number)
            .execution_options(yield_per=BATCH)
        )
        for number, kind, issued, officer, revoked, tracking, name, counter in session.execute(
            statement
        ):
            local, month = local_month(issued, zone)
            tally.add_letter(kind, officer, month, bool(revoked))
            yield (
                number,
                letter_title(kind),
                local,
                officer,
                names.get(officer, ""),
                tracking,
                name,
                counter,
                "Ya" if revoked else "Tidak",
            )

    def rejection_rows() -> Iterator[tuple[Any, ...]]:
        statement = (
            select(AUDIT.c.at, AUDIT.c.actor, AUDIT.c.after, AUDIT.c.counter_id)
            .where(rejects_where)
            .order_by(AUDIT.c.at, AUDIT.c.id)
            .execution_options(yield_per=BATCH)
        )
        for batch in batched(session.execute(statement), BATCH):
            yield from _rejections(session, batch, tally, zone)

    sections = [
        DetailSection(
            "letters",
            "Surat terbit",
            LETTER_COLUMNS,
            letter_total,
            letter_rows,
            "Tidak ada surat yang terbit pada periode ini.",
        ),
        DetailSection(
            "rejections",
            "Dokumen ditolak",
            REJECTION_COLUMNS,
            reject_total,
            rejection_rows,
            "Tidak ada dokumen yang ditolak pada periode ini.",
        ),
    ]
    notes = []
    if not letter_total and not reject_total:
        notes.append("Tidak ada surat yang terbit maupun dokumen yang ditolak pada periode ini.")
    return ReportPlan(
        kind=KIND,
        counters=sorted(str(value) for value in counters),
        sections=sections,
        summarize=lambda: tally.summary(context),
        notes=notes,
    )


def _document_label(kind: str | None) -> str:
    if not kind:
        return NOT_FILLED
    return DOCUMENT_KIND_LABELS_ID.get(kind, kind)  # type: ignore[call-overload,no-any-return]


def _rejections(
    session: Session, batch: list[tuple[Any, ...]], tally: _Tally, zone: Any
) -> Iterator[tuple[Any, ...]]:
    parsed = []
    for at, actor, after, counter in batch:
        try:
            values = json.loads(after or "{}")
        except ValueError:
            values = {}
        parsed.append((at, actor, values if isinstance(values, dict) else {}, counter))
    applicants = applicants_by_id(
        session, [str(v.get("applicant_id", "")) for _, _, v, _ in parsed]
    )
    for at, actor, values, counter in parsed:
        document = _document_label(values.get("kind"))
        reason = str(values.get("rejection_reason") or "").strip() or NOT_FILLED
        applicant = applicants.get(str(values.get("applicant_id", "")))
        tally.add_rejection(document, reason)
        yield (
            to_local_naive(at, zone),
            document,
            reason,
            actor,
            applicant.tracking_code if applicant else "",
            applicant.full_name if applicant else "",
            counter or (applicant.counter_id if applicant else ""),
        )


class _Tally:
    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.by_month: Counter[tuple[tuple[int, int], str]] = Counter()
        self.by_officer: Counter[tuple[str, str]] = Counter()
        self.revoked = 0
        self.letters = 0
        self.rejected_kinds: Counter[str] = Counter()
        self.reasons: Counter[tuple[str, str]] = Counter()

    def add_letter(self, kind: str, officer: str, month: tuple[int, int], revoked: bool) -> None:
        if revoked:
            self.revoked += 1
            return
        self.letters += 1
        self.by_month[(month, kind)] += 1
        self.by_officer[(officer, kind)] += 1

    def add_rejection(self, document: str, reason: str) -> None:
        self.rejected_kinds[document] += 1
        self.reasons[(document, reason)] += 1

    def summary(self, context: KindContext) -> Summary:
        rejected = sum(self.rejected_kinds.values())
        if not self.letters and not rejected and not self.revoked:
            return Summary(
                notes=["Tidak ada surat yang terbit maupun dokumen yang ditolak pada periode ini."]
            )
        count = Column("Jumlah", "int", 10)
        spr = Column("SPR", "int", 10)
        rec = Column("Rekomendasi paspor", "int", 12)

        def letters_in(month: tuple[int, int]) -> tuple[int, int, int]:
            a, b = self.by_month.get((month, SPR), 0), self.by_month.get((month, RECOMMENDATION), 0)
            return a, b, a + b

        officers: dict[str, list[int]] = {}
        for (officer, kind), n in self.by_officer.items():
            slot = officers.setdefault(officer, [0, 0])
            slot[0 if kind == SPR else 1] += n
        officer_rows = sorted(
            (
                (officer, self.names.get(officer, ""), a, b, a + b)
                for officer, (a, b) in officers.items()
            ),
            key=lambda row: (-row[4], row[0]),
        )
        tables = [
            per_month_table(
                "letters_month",
                "Surat terbit per bulan",
                [spr, rec, count],
                letters_in,
                context.period,
                charted=(1, 2),
            ),
            SummaryTable(
                "letters_officer",
                "Surat terbit per petugas",
                [
                    Column("Petugas", "text", 18),
                    Column("Nama petugas", "text", 24),
                    spr,
                    rec,
                    count,
                ],
                officer_rows,
                ChartSpec("bar", "Surat terbit per petugas", value_columns=(2, 3)),
            ),
            SummaryTable(
                "rejected_kind",
                "Dokumen ditolak per jenis",
                [Column("Dokumen", "text", 26), count],
                counted_desc(self.rejected_kinds),
                ChartSpec("bar", "Dokumen ditolak per jenis"),
            ),
            SummaryTable(
                "rejected_reason",
                "Alasan penolakan dokumen",
                [Column("Dokumen", "text", 26), Column("Alasan", "text", 48), count],
                [(doc, reason, n) for (doc, reason), n in counted_desc(self.reasons)],
            ),
        ]
        spr_total = sum(n for (_m, kind), n in self.by_month.items() if kind == SPR)
        notes = [
            f"Surat terbit: {thousands_id(self.letters)} (SPR {thousands_id(spr_total)}, "
            f"rekomendasi paspor {thousands_id(self.letters - spr_total)}).",
            f"Dokumen ditolak: {thousands_id(rejected)}.",
        ]
        if self.revoked:
            notes.append(
                f"Surat yang dibatalkan ({thousands_id(self.revoked)}) tercantum di rincian "
                "tetapi tidak dihitung."
            )
        return Summary(tables=tables, notes=notes)
