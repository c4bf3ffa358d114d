"""The letters panel's two boxes of buttons: issuing a letter, and the papers the CPMI carries.

Each button has a line beside it saying why it is disabled, in the service's verdict turned
into the window's language (issue 18: the Surat tab said the service's Indonesian sentence in
English mode too), or that it is ready. The hand-carry print is offered only while a passport
application still waits to be sent and the CPMI leaves within ``HAND_CARRY_DAYS``.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QPushButton, QWidget

from ltsa_desk.operations.letters import HAND_CARRY_DAYS, CaseLetters, IssueRefusal
from ltsa_desk.ui import style, words
from ltsa_desk.ui.fields import WARNING_SIGN
from ltsa_desk.ui.plain import plain_label

translate = QCoreApplication.translate

__all__ = ["LetterButtons", "refusal_text"]


# A missing document's reason, after its name (documents.MissingReason values).
_MISSING_REASONS = {
    "rejected": QT_TRANSLATE_NOOP("LettersPanel", "ditolak"),
    "not_verified": QT_TRANSLATE_NOOP("LettersPanel", "belum diperiksa"),
    "undated": QT_TRANSLATE_NOOP("LettersPanel", "tanpa tanggal terbit"),
    "too_old": QT_TRANSLATE_NOOP("LettersPanel", "terlalu lama"),
    "expired": QT_TRANSLATE_NOOP("LettersPanel", "kedaluwarsa"),
}


def refusal_text(refusal: IssueRefusal) -> str:
    """The refusal in the window's language (issue 18: the Surat tab said the service's
    Indonesian sentence in English mode too). Shown beside the letter's own button, so the
    sentence does not repeat the letter's title."""
    detail = dict(refusal.detail)
    if refusal.code == "documents":
        named = []
        for kinds, reason in refusal.documents:
            name = words.document_group_label(kinds)
            if reason in _MISSING_REASONS:
                name += " ({})".format(translate("LettersPanel", _MISSING_REASONS[reason]))
            named.append(name)
        return translate("LettersPanel", "Dokumen belum lengkap: {documents}").format(
            documents="; ".join(named)
        )
    if refusal.code == "wrong_state" and "state" in detail:
        return translate(
            "LettersPanel",
            "Baru dapat diterbitkan setelah dokumen lengkap (status sekarang: {state})",
        ).format(state=words.state_label(detail["state"]))
    if refusal.code == "already_issued" and "number" in detail:
        return translate(
            "LettersPanel",
            "Sudah terbit dengan nomor {number}; cetak ulang surat itu, atau batalkan dulu bila "
            "harus diganti",
        ).format(number=detail["number"])
    if refusal.code == "missing_data" and detail.get("field") == "agency":
        return translate(
            "LettersPanel", "Surat ini ditujukan kepada P3MI; isi P3MI pada data CPMI dulu"
        )
    if refusal.code == "missing_data" and detail.get("field") == "destination_country":
        return translate(
            "LettersPanel",
            "Surat ini menyebut negara tujuan; isi negara tujuan pada data CPMI dulu",
        )
    return refusal.message


class LetterButtons(QWidget):
    """ "Terbitkan surat" (SPR, passport recommendation) and "Untuk dibawa CPMI" (receipt,
    hand-carry), each button with the line that says why it is disabled.

    The words keep the letters panel's translation context, where they were first translated.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spr_button = QPushButton(translate("LettersPanel", "Terbitkan SPR"))
        self.recommendation_button = QPushButton(
            translate("LettersPanel", "Terbitkan Rekomendasi Paspor")
        )
        self.spr_reason = plain_label()  # names the CPMI
        self.recommendation_reason = plain_label()
        for label in (self.spr_reason, self.recommendation_reason):
            label.setWordWrap(True)
            label.setStyleSheet("color: #555;")
        self.receipt_button = QPushButton(translate("LettersPanel", "Cetak &tanda terima"))
        self.receipt_button.setToolTip(
            translate(
                "LettersPanel",
                "Tanda terima untuk CPMI: kode pelacakan, yang dikerjakan hari ini dan kiriman "
                "yang masih menunggu (Ctrl+P bila tidak ada surat terpilih)",
            )
        )
        self.hand_carry_button = QPushButton(
            translate("LettersPanel", "Permohonan paspor (&hand-carry)")
        )
        self.hand_carry_reason = plain_label()
        self.hand_carry_reason.setWordWrap(True)
        self.hand_carry_reason.setStyleSheet("color: #555;")
        for button in (
            self.spr_button,
            self.recommendation_button,
            self.receipt_button,
            self.hand_carry_button,
        ):
            button.setAutoDefault(False)
            button.setMinimumHeight(style.ROW_HEIGHT + 2)
        bold = QFont(self.spr_button.font())
        bold.setBold(True)
        self.spr_button.setFont(bold)
        self.recommendation_button.setFont(bold)
        self._build_layout()

    def _build_layout(self) -> None:
        issue_box = QGroupBox(translate("LettersPanel", "Terbitkan surat"))
        grid = QGridLayout(issue_box)
        grid.setHorizontalSpacing(12)
        grid.addWidget(self.spr_button, 0, 0)
        grid.addWidget(self.spr_reason, 0, 1)
        grid.addWidget(self.recommendation_button, 1, 0)
        grid.addWidget(self.recommendation_reason, 1, 1)
        grid.setColumnStretch(1, 1)

        for_cpmi = QGroupBox(translate("LettersPanel", "Untuk dibawa CPMI"))
        cpmi = QGridLayout(for_cpmi)
        cpmi.setHorizontalSpacing(12)
        cpmi.addWidget(self.receipt_button, 0, 0)
        cpmi.addWidget(self.hand_carry_button, 1, 0)
        cpmi.addWidget(self.hand_carry_reason, 1, 1)
        cpmi.setColumnStretch(1, 1)

        top = QHBoxLayout(self)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(issue_box, 3)
        top.addWidget(for_cpmi, 2)

    def enable_for(self, view: CaseLetters | None, *, ready: bool) -> None:
        """Enable what may be done now: ``ready`` when a view is shown and nothing runs."""
        self.spr_button.setEnabled(ready and view is not None and view.spr_refusal is None)
        self.recommendation_button.setEnabled(
            ready and view is not None and view.recommendation_refusal is None
        )
        self.receipt_button.setEnabled(ready)
        self.hand_carry_button.setEnabled(ready and view is not None and view.hand_carry_allowed)

    def explain(self, view: CaseLetters) -> None:
        """Say beside each disabled button why, the service's verdict in the window's words."""
        self.spr_reason.setText(
            refusal_text(view.spr_refusal)
            if view.spr_refusal
            else translate("LettersPanel", "Siap diterbitkan untuk {name}").format(
                name=view.full_name
            )
        )
        self.recommendation_reason.setText(
            refusal_text(view.recommendation_refusal)
            if view.recommendation_refusal
            else translate("LettersPanel", "Siap diterbitkan; status menjadi Direkomendasikan")
        )
        for label, refusal in (
            (self.spr_reason, view.spr_refusal),
            (self.recommendation_reason, view.recommendation_refusal),
        ):
            label.setStyleSheet("color: #555;" if refusal else f"color: {style.DELIVERED};")
        if view.hand_carry_allowed:
            days = view.days_to_departure
            if days is not None and days < 0:
                text = translate(
                    "LettersPanel",
                    "Permohonan paspor belum terkirim dan tanggal berangkat sudah lewat",
                )
            elif days == 0:
                text = translate(
                    "LettersPanel", "Permohonan paspor belum terkirim dan CPMI berangkat hari ini"
                )
            else:
                text = translate(
                    "LettersPanel",
                    "Permohonan paspor belum terkirim dan CPMI berangkat {days} hari lagi: "
                    "cetak agar dibawa ke Imigrasi",
                ).format(days=days)
            self.hand_carry_reason.setStyleSheet(f"color: {style.PENDING};")
            self.hand_carry_reason.setText(WARNING_SIGN + " " + text)
        else:
            if not view.hand_carry_queued:
                text = translate(
                    "LettersPanel", "Tidak ada permohonan paspor yang menunggu dikirim"
                )
            else:
                text = translate(
                    "LettersPanel",
                    "Permohonan paspor masih menunggu dikirim; keberangkatan lebih dari {days} "
                    "hari lagi",
                ).format(days=HAND_CARRY_DAYS)
            self.hand_carry_reason.setStyleSheet("color: #555;")
            self.hand_carry_reason.setText(text)
