"""The set-up wizard's steps that ask: office and counter, destinations, the first Admin, summary.

Each step is its own widget holding its fields and the check of its answers, so the wizard itself
only moves between steps. Their words keep the "SetupWizard" translation context, where they have
always been translated (``translate`` below, never ``self.tr``, which would name the step's class).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from ltsa_desk.counter.config import Config, ConfigError
from ltsa_desk.domain.regions import default_regions
from ltsa_desk.services import accounts
from ltsa_desk.services.counter_setup import SetupValues
from ltsa_desk.technician.connection_test import DESTINATIONS, DestinationCheck
from ltsa_desk.ui.fields import LabelledField

translate = QCoreApplication.translate


def destination_titles() -> dict[str, str]:
    """The destinations' names as the wizard shows them."""
    return {
        "registry": translate("SetupWizard", "Registri pusat"),
        "immigration": translate("SetupWizard", "Imigrasi"),
    }


def no_keyring_message() -> str:
    """Why nothing typed can be saved on a PC without a keyring, with the way out that `dev.py
    start` prints (issue 18)."""
    if sys.platform == "win32":
        advice = translate(
            "SetupWizard",
            "Credential Manager Windows tidak bisa dipakai oleh akun ini. Masuk Windows "
            "dengan akun pengguna loket (bukan akun tamu atau layanan), lalu buka LTSA Desk "
            "lagi.",
        )
    else:
        advice = translate(
            "SetupWizard",
            "Di desktop Linux jalankan GNOME Keyring atau KWallet (Secret Service), lalu buka "
            "LTSA Desk lagi. Untuk mencoba tanpa keyring (jangan di loket sungguhan: berkasnya "
            "tidak terenkripsi): pasang dengan 'python -m pip install keyrings.alt', lalu "
            "mulai dengan PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring.",
        )
    return (
        translate(
            "SetupWizard",
            "PC ini tidak punya keyring untuk menyimpan kunci basis data dan token, jadi "
            "pengaturan tidak bisa disimpan. Tutup dengan Batal, lalu:",
        )
        + " "
        + advice
    )


class SetupStep(QWidget):
    """One step: its introduction on top, its fields below, labels aligned."""

    def __init__(self, intro: str) -> None:
        super().__init__()
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        label = QLabel(intro)
        label.setWordWrap(True)
        self.column.addWidget(label)

    @staticmethod
    def align(fields: list[LabelledField]) -> None:
        width = max(f.label.sizeHint().width() for f in fields)
        for f in fields:
            f.set_label_width(width)


class OfficeStep(SetupStep):
    """Office code (checked against the Kemendagri region table; the regency's name shows as soon
    as the code is known), counter id and the office's name on letters."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            translate(
                "SetupWizard",
                "Isi kode kantor (kode kabupaten/kota Kemendagri, misalnya 52.03 untuk Lombok "
                "Timur) dan kode loket PC ini (misalnya LOTIM-01). Kode loket menjadi bagian "
                "setiap kode pelacakan, jadi harus berbeda di setiap PC.",
            )
        )
        self.data_dir = data_dir
        self._office_name_touched = False
        self.office_code = QLineEdit()
        self.office_code.setPlaceholderText("52.03")
        self.counter_id = QLineEdit()
        self.counter_id.setPlaceholderText("LOTIM-01")
        self.office_name = QLineEdit()
        self.office_name.setPlaceholderText(
            translate("SetupWizard", "misalnya LTSA Kabupaten Lombok Timur")
        )
        self.office_field = LabelledField(
            translate("SetupWizard", "Kode kantor"), self.office_code, required=True
        )
        self.counter_field = LabelledField(
            translate("SetupWizard", "Kode loket"), self.counter_id, required=True
        )
        self.office_name_field = LabelledField(
            translate("SetupWizard", "Nama kantor (di surat)"), self.office_name
        )
        fields = [self.office_field, self.counter_field, self.office_name_field]
        self.align(fields)
        for f in fields:
            self.column.addWidget(f)
        self.column.addStretch(1)
        self.office_code.textEdited.connect(self.office_code_edited)
        self.office_name.textEdited.connect(self._office_name_edited)

    def editors(self) -> list[QLineEdit]:
        return [self.office_code, self.counter_id, self.office_name]

    def office_code_edited(self, text: str) -> None:
        """The regency's name as soon as the code is known; the office name follows it until the
        technician types one."""
        probe = Config(self.data_dir)
        try:
            code = probe.set("office.code", text)
        except ConfigError:
            self.office_field.clear_message()
            return
        name = default_regions().regency(code) or ""
        province = default_regions().province(code[:2]) or ""
        self.office_field.set_info(f"\u2714 {name}, {province}" if province else f"\u2714 {name}")
        if not self._office_name_touched:
            self.office_name.setText(
                translate("SetupWizard", "LTSA {regency}").format(regency=name)
            )

    def _office_name_edited(self, _text: str) -> None:
        self._office_name_touched = True

    def check(self) -> bool:
        probe = Config(self.data_dir)
        ok = True
        for key, widget, holder in (
            ("office.code", self.office_code, self.office_field),
            ("counter.id", self.counter_id, self.counter_field),
        ):
            try:
                value = probe.set(key, widget.text())
            except ConfigError as exc:
                holder.set_error(str(exc).split(": ", 1)[-1])
                if ok:
                    widget.setFocus()
                ok = False
                continue
            widget.setText(str(value))
            if key == "office.code":
                self.office_code_edited(str(value))
            else:
                holder.clear_message()
        return ok


class DestinationsStep(SetupStep):
    """The two destinations' URLs and tokens; a token is held in memory until Simpan, then
    stored in the OS keyring and nowhere else."""

    def __init__(self, data_dir: Path) -> None:
        # The keyring named as this PC has it: Credential Manager only on Windows.
        if sys.platform == "win32":
            text = translate(
                "SetupWizard",
                "Alamat dan token kedua sistem tujuan. Token hanya disimpan di keyring Windows "
                "(Credential Manager), tidak pernah di berkas atau basis data. Alamat boleh "
                "dikosongkan dan diatur nanti: kiriman menunggu sampai alamatnya diatur.",
            )
        else:
            text = translate(
                "SetupWizard",
                "Alamat dan token kedua sistem tujuan. Token hanya disimpan di keyring sistem "
                "operasi, tidak pernah di berkas atau basis data. Alamat boleh dikosongkan dan "
                "diatur nanti: kiriman menunggu sampai alamatnya diatur.",
            )
        super().__init__(text)
        self.data_dir = data_dir
        self.urls: dict[str, QLineEdit] = {}
        self.tokens: dict[str, QLineEdit] = {}
        self.url_fields: dict[str, LabelledField] = {}
        self.token_fields: dict[str, LabelledField] = {}
        titles = destination_titles()
        fields: list[LabelledField] = []
        self._editors: list[QLineEdit] = []
        for name in DESTINATIONS:
            heading = QLabel(titles[name])
            bold = QFont(heading.font())
            bold.setBold(True)
            heading.setFont(bold)
            url = QLineEdit()
            url.setPlaceholderText(f"https://server:8765/{name}")
            token = QLineEdit()
            token.setEchoMode(QLineEdit.EchoMode.Password)
            token.setPlaceholderText(translate("SetupWizard", "token dari pengelola sistem"))
            self.urls[name], self.tokens[name] = url, token
            self.url_fields[name] = LabelledField(translate("SetupWizard", "Alamat (URL)"), url)
            self.token_fields[name] = LabelledField(translate("SetupWizard", "Token"), token)
            fields += [self.url_fields[name], self.token_fields[name]]
            self._editors += [url, token]
            self.column.addWidget(heading)
            self.column.addWidget(self.url_fields[name])
            self.column.addWidget(self.token_fields[name])
        self.align(fields)
        self.column.addStretch(1)

    def editors(self) -> list[QLineEdit]:
        return list(self._editors)

    def check(self) -> bool:
        probe = Config(self.data_dir)
        ok = True
        for name in DESTINATIONS:
            url, token = self.urls[name], self.tokens[name]
            field_ = self.url_fields[name]
            if not url.text().strip():
                if token.text().strip():
                    field_.set_error(
                        translate("SetupWizard", "Isi alamatnya juga, atau kosongkan tokennya")
                    )
                    if ok:
                        url.setFocus()
                    ok = False
                else:
                    field_.set_info(
                        translate("SetupWizard", "Kosong: kiriman ke tujuan ini menunggu")
                    )
                continue
            try:
                url.setText(probe.set(f"{name}.url", url.text()))
            except ConfigError as exc:
                field_.set_error(
                    translate(
                        "SetupWizard", "Alamat {problem}, misalnya https://server:8765/{name}"
                    ).format(problem=str(exc).split(": ", 1)[-1], name=name)
                )
                if ok:
                    url.setFocus()
                ok = False
                continue
            field_.clear_message()
        return ok

    def ask_for_refused(self, refused: list[str]) -> None:
        """The tokens a server refused (401), marked, the first one selected to be typed over."""
        for name in refused:
            self.token_fields[name].set_error(
                translate(
                    "SetupWizard",
                    "Token ini ditolak server (401): ketik ulang token dari pengelola sistem",
                )
            )
        token = self.tokens[refused[0]]
        token.setFocus()
        token.selectAll()


class AccountStep(SetupStep):
    """The first Admin account; the Admin then adds the officers' accounts."""

    def __init__(self) -> None:
        super().__init__(
            translate(
                "SetupWizard",
                "Buat akun Admin pertama. Admin kemudian menambahkan akun petugas. Kata sandi "
                "minimal {n} karakter.",
            ).format(n=accounts.MIN_PASSWORD_LENGTH)
        )
        self.username = QLineEdit()
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_field = LabelledField(
            translate("SetupWizard", "Nama pengguna"), self.username, required=True
        )
        self.full_name_field = LabelledField(
            translate("SetupWizard", "Nama lengkap"), self.full_name
        )
        self.password_field = LabelledField(
            translate("SetupWizard", "Kata sandi"), self.password, required=True
        )
        self.repeat_field = LabelledField(
            translate("SetupWizard", "Ulangi kata sandi"), self.repeat, required=True
        )
        fields = [self.username_field, self.full_name_field, self.password_field, self.repeat_field]
        self.align(fields)
        for f in fields:
            self.column.addWidget(f)
        self.column.addStretch(1)

    def editors(self) -> list[QLineEdit]:
        return [self.username, self.full_name, self.password, self.repeat]

    def check(self) -> bool:
        ok = True
        for holder in (self.username_field, self.password_field, self.repeat_field):
            holder.clear_message()
        try:
            self.username.setText(accounts.normalize_username(self.username.text()))
        except accounts.AccountError as exc:
            self.username_field.set_error(str(exc))
            self.username.setFocus()
            ok = False
        try:
            accounts.check_password(self.password.text())
        except accounts.AccountError as exc:
            self.password_field.set_error(str(exc))
            if ok:
                self.password.setFocus()
            ok = False
        if ok and self.password.text() != self.repeat.text():
            self.repeat_field.set_error(
                translate("SetupWizard", "Kata sandi dan ulangannya tidak sama")
            )
            self.repeat.setFocus()
            ok = False
        return ok


class SummaryStep(SetupStep):
    """Everything typed, once more, before Simpan writes it."""

    def __init__(self) -> None:
        super().__init__(
            translate(
                "SetupWizard",
                "Periksa lalu tekan Simpan. Konfigurasi, kunci dan basis data terenkripsi dibuat, "
                "token disimpan di keyring, dan akun Admin dibuat. Setelah itu kunci pemulihan "
                "ditampilkan sekali: siapkan kertas untuk mencatatnya.",
            )
        )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setStyleSheet("padding: 8px; background: #fafafa; border: 1px solid #ddd;")
        self.column.addWidget(self.summary)
        self.column.addStretch(1)

    def show_summary(
        self, data_dir: Path, values: SetupValues, results: dict[str, DestinationCheck]
    ) -> None:
        """The summary's text, its wrapped label's new height laid out before the next paint."""
        self.summary.setText(summary_text(data_dir, values, results))
        self.summary.updateGeometry()
        self.column.activate()


def summary_text(data_dir: Path, values: SetupValues, results: dict[str, DestinationCheck]) -> str:
    regency = default_regions().regency(values.office_code) if values.office_code else None
    lines = [
        translate("SetupWizard", "Folder data: {path}").format(path=data_dir),
        translate("SetupWizard", "Kantor: {code} ({name})").format(
            code=values.office_code, name=regency or "-"
        ),
        translate("SetupWizard", "Nama kantor di surat: {name}").format(
            name=values.office_name or "-"
        ),
        translate("SetupWizard", "Loket: {counter}").format(counter=values.counter_id),
    ]
    titles = destination_titles()
    for name in DESTINATIONS:
        url = values.urls.get(name) or translate("SetupWizard", "(belum diatur)")
        token = (
            translate("SetupWizard", "token akan disimpan di keyring")
            if values.tokens.get(name)
            else translate("SetupWizard", "tanpa token")
        )
        result = results.get(name)
        tested = ""
        if result is not None:
            tested = (
                translate("SetupWizard", "uji koneksi berhasil")
                if result.ok
                else translate("SetupWizard", "uji koneksi gagal")
            )
        lines.append(f"{titles[name]}: {url}; {token}" + (f"; {tested}" if tested else ""))
    lines.append(
        translate("SetupWizard", "Akun Admin: {username}").format(username=values.username)
        + (f" ({values.full_name})" if values.full_name else "")
    )
    return "\n".join(lines)
