"""The set-up wizard, driven with the keyboard against a real `ltsa-sim`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ltsa_desk.counter import keyring_home
from ltsa_desk.counter.config import Config
from ltsa_desk.counter.workspace import open_workspace
from ltsa_desk.services import accounts
from ltsa_desk.store import keys
from ltsa_desk.store import recovery_key as recovery_keys
from ltsa_desk.ui import wizard as wizard_module
from ltsa_desk.ui.wizard import (
    PAGE_ACCOUNT,
    PAGE_CONNECTION,
    PAGE_DESTINATIONS,
    PAGE_OFFICE,
    PAGE_SUMMARY,
    SetupWizard,
)
from sync.credentials import get_token
from sync.sim.process import SimHandle, run_sim_process

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimHandle]:
    with run_sim_process(tmp_path_factory.mktemp("sim-wizard")) as handle:
        yield handle


def shot(widget: QWidget, name: str, tmp_path: Path) -> None:
    """Each page at the wizard's own size, into screenshots/ (git-ignored) when it exists."""
    folder = ROOT / "screenshots" if (ROOT / "screenshots").is_dir() else tmp_path
    assert widget.grab().save(str(folder / f"wizard-{name}.png"))


def type_into(qtbot, widget: QWidget, text: str, enter: bool = True) -> None:  # type: ignore[no-untyped-def]
    assert widget.hasFocus(), f"focus is on {type(widget.window().focusWidget()).__name__}"
    qtbot.keyClicks(widget, text)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)


def make(qtbot, data_dir: Path) -> SetupWizard:  # type: ignore[no-untyped-def]
    wizard = SetupWizard(data_dir)
    # Closing asks before throwing typing away; tests that do not check that answer "yes"
    # (qtbot closes the wizard at the end, and a modal box would wait for ever).
    wizard.confirm_discard = lambda: True
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=5_000)
    return wizard


def wait_tested(qtbot, wizard: SetupWizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not wizard._testing and bool(wizard.results), timeout=20_000)


def test_a_technician_sets_up_a_counter_with_the_keyboard(
    qtbot, data_dir: Path, sim: SimHandle, tmp_path: Path
) -> None:
    wizard = make(qtbot, data_dir)
    assert wizard.current_page() == PAGE_OFFICE
    type_into(qtbot, wizard.office_code, "5203")
    assert "Lombok Timur" in wizard.office_field.message_text(), "office name shown"
    type_into(qtbot, wizard.counter_id, "lotim-07")
    assert wizard.office_name.text() == "LTSA Kabupaten Lombok Timur"
    assert wizard.office_name.hasFocus()
    shot(wizard, "1-kantor", tmp_path)
    qtbot.keyClick(wizard.office_name, Qt.Key.Key_Return)

    assert wizard.current_page() == PAGE_DESTINATIONS
    type_into(qtbot, wizard.urls["registry"], sim.registry_url)
    type_into(qtbot, wizard.tokens["registry"], sim.token)
    type_into(qtbot, wizard.urls["immigration"], sim.immigration_url)
    type_into(qtbot, wizard.tokens["immigration"], sim.token, enter=False)
    shot(wizard, "2-tujuan", tmp_path)
    qtbot.keyClick(wizard.tokens["immigration"], Qt.Key.Key_Return)

    assert wizard.current_page() == PAGE_CONNECTION
    wait_tested(qtbot, wizard)
    assert wizard.runner.last_thread_name not in (None, "MainThread"), "tested off the GUI thread"
    assert all(result.ok for result in wizard.results.values()), wizard.results
    assert "Berhasil" in wizard.connection_rows["registry"].state.text()
    shot(wizard, "3-uji-koneksi", tmp_path)
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)

    assert wizard.current_page() == PAGE_ACCOUNT
    type_into(qtbot, wizard.username, "Admin.Lotim")
    type_into(qtbot, wizard.full_name, "Budi Teknisi")
    type_into(qtbot, wizard.password, "rahasia-kantor")
    type_into(qtbot, wizard.repeat, "rahasia-kantor", enter=False)
    shot(wizard, "4-akun", tmp_path)
    qtbot.keyClick(wizard.repeat, Qt.Key.Key_Return)

    assert wizard.current_page() == PAGE_SUMMARY, "Enter on the last field shows the summary"
    summary = wizard.summary.text()
    assert "52.03" in summary and "LOTIM-07" in summary and "admin.lotim" in summary
    assert sim.token not in summary and "rahasia-kantor" not in summary
    assert not Config.exists(data_dir), "nothing is written before Simpan"
    shot(wizard, "5-ringkasan", tmp_path)
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: wizard.recovery_dialog is not None, timeout=30_000)
    dialog = wizard.recovery_dialog
    assert dialog is not None and wizard.recovery_key
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    shot(dialog, "6-kunci-pemulihan", tmp_path)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible(), "Esc does not lose the only showing of the key"
    dialog.confirmed.setFocus()
    qtbot.keyClick(dialog.confirmed, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.done_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: wizard.result() == SetupWizard.DialogCode.Accepted, timeout=10_000)

    # What the wizard made: configuration, keyring entries, the account, a valid recovery key.
    assert not (data_dir / "recovery-key.pending").exists()
    config_text = (data_dir / "config.toml").read_text(encoding="utf-8")
    assert sim.token not in config_text, "tokens live in the keyring only"
    assert get_token("registry", "52.03") == sim.token
    assert get_token("immigration", "52.03") == sim.token
    workspace = open_workspace(data_dir)
    try:
        assert workspace.new_recovery_key is None
        assert workspace.config.office_code == "52.03"
        assert workspace.config.counter_id == "LOTIM-07"
        assert workspace.config.get("office.name") == "LTSA Kabupaten Lombok Timur"
        assert workspace.config.get("registry.url") == sim.registry_url
        with workspace.database.write_session() as session:
            officer = accounts.authenticate(session, "admin.lotim", "rahasia-kantor")
            assert officer.role == "admin" and officer.full_name == "Budi Teknisi"
        database_id = workspace.database.info.database_id
    finally:
        workspace.close()
    sealed = keys.read_sealed(data_dir / "ltsa.key.sealed")
    unsealed = keys.unseal(sealed, recovery_keys.parse(wizard.recovery_key or ""))
    assert unsealed == keyring_home.load_database_key(database_id), (
        "the key shown opens the database"
    )


def test_the_connection_page_names_what_failed(
    qtbot,
    data_dir: Path,
    sim: SimHandle,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(wizard_module, "CONNECTION_TIMEOUT_S", 0.5)
    wizard = make(qtbot, data_dir)
    type_into(qtbot, wizard.office_code, "52.03")
    type_into(qtbot, wizard.counter_id, "LOTIM-02")
    qtbot.keyClick(wizard.office_name, Qt.Key.Key_Return)
    rounds = [
        # (registry URL, token, immigration URL, token) -> the word each row shows
        ((sim.base_url + "/registri", sim.token), (sim.immigration_url, "salah"),
         ("alamat salah (404)", "token ditolak (401)")),
        (("https://tidak-ada-server.invalid:8765/registry", sim.token),
         ("http://127.0.0.1:9/immigration", sim.token), ("DNS", "ditolak")),
        ((sim.registry_url.replace("http://", "https://"), sim.token), (sim.immigration_url, ""),
         ("TLS", "Token kosong")),
    ]  # fmt: skip
    for number, ((reg_url, reg_token), (imm_url, imm_token), words) in enumerate(rounds, 1):
        assert wizard.current_page() == PAGE_DESTINATIONS
        for name, url, token in (
            ("registry", reg_url, reg_token),
            ("immigration", imm_url, imm_token),
        ):
            wizard.urls[name].setText(url)
            wizard.tokens[name].setText(token)
        wizard.tokens["immigration"].setFocus()
        qtbot.keyClick(wizard.tokens["immigration"], Qt.Key.Key_Return)
        assert wizard.current_page() == PAGE_CONNECTION
        wait_tested(qtbot, wizard)
        for name, word in zip(("registry", "immigration"), words, strict=True):
            row = wizard.connection_rows[name]
            assert word in row.state.text(), (name, row.state.text(), row.detail.text())
            assert row.detail.text()
        assert "tetap bisa melanjutkan" in wizard.connection_note.text()
        if number == 1:
            shot(wizard, "3-uji-koneksi-gagal", tmp_path)
        qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
        # A mnemonic "animates" its click: the button is released a moment later.
        qtbot.waitUntil(lambda: wizard.current_page() == PAGE_DESTINATIONS, timeout=5_000)
    assert not Config.exists(data_dir)


def test_bad_input_is_named_under_its_field_and_cancel_writes_nothing(
    qtbot, data_dir: Path, tmp_path: Path
) -> None:
    wizard = make(qtbot, data_dir)
    type_into(qtbot, wizard.office_code, "99.99")
    type_into(qtbot, wizard.counter_id, "LO TIM")
    qtbot.keyClick(wizard.office_name, Qt.Key.Key_Return)
    assert wizard.current_page() == PAGE_OFFICE
    assert "99.99" in wizard.office_field.message_text()
    assert "huruf" in wizard.counter_field.message_text()
    assert wizard.office_code.hasFocus(), "the first field at fault gets the focus"
    shot(wizard, "1-kantor-salah", tmp_path)
    wizard.office_code.setText("5203")
    wizard.counter_id.setText("LOTIM-03")
    wizard.go_next()
    wizard.urls["registry"].setText("server-tanpa-skema/registry")
    wizard.tokens["immigration"].setText("token-tanpa-alamat")
    wizard.go_next()
    assert wizard.current_page() == PAGE_DESTINATIONS
    assert "http" in wizard.url_fields["registry"].message_text()
    assert "alamat" in wizard.url_fields["immigration"].message_text().lower()
    wizard.urls["registry"].clear()
    wizard.tokens["immigration"].clear()
    wizard.go_next()
    wait_tested(qtbot, wizard)
    assert "Belum diatur" in wizard.connection_rows["registry"].state.text()
    wizard.go_next()
    wizard.username.setText("admin")
    wizard.password.setText("pendek")
    wizard.repeat.setText("pendek")
    wizard.go_next()
    assert wizard.current_page() == PAGE_ACCOUNT
    assert "minimal" in wizard.password_field.message_text()
    wizard.password.setText("cukup-panjang")
    wizard.repeat.setText("lain-sekali")
    wizard.go_next()
    assert "tidak sama" in wizard.repeat_field.message_text()
    # Esc after all that typing asks first (issue 18): "no" keeps everything.
    asked: list[bool] = []
    wizard.confirm_discard = lambda: asked.append(True) or False
    qtbot.keyClick(wizard.repeat, Qt.Key.Key_Escape)
    assert asked == [True] and wizard.isVisible()
    assert wizard.username.text() == "admin"
    wizard.confirm_discard = lambda: asked.append(True) or True
    qtbot.keyClick(wizard.repeat, Qt.Key.Key_Escape)
    assert len(asked) == 2
    assert wizard.result() == SetupWizard.DialogCode.Rejected
    assert list(data_dir.iterdir()) == [], "cancel leaves the PC as it was"


def test_cancel_before_typing_does_not_ask(qtbot, data_dir: Path) -> None:
    wizard = make(qtbot, data_dir)
    wizard.confirm_discard = lambda: pytest.fail("nothing was typed: nothing to ask about")
    qtbot.keyClick(wizard.office_code, Qt.Key.Key_Escape)
    assert wizard.result() == SetupWizard.DialogCode.Rejected


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux wording")
def test_the_keyring_is_named_as_this_pc_has_it(qtbot, data_dir: Path) -> None:
    from PySide6.QtWidgets import QLabel

    wizard = make(qtbot, data_dir)
    texts = " ".join(label.text() for label in wizard.findChildren(QLabel))
    assert "keyring sistem operasi" in texts
    assert "Credential Manager" not in texts and "Windows" not in texts


def test_a_missing_keyring_is_said_at_the_first_step(qtbot, data_dir: Path, tmp_path: Path) -> None:
    """Issue 18: no keyring was found only at Simpan, after four steps of typing."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        wizard = make(qtbot, data_dir)
        qtbot.waitUntil(lambda: wizard.keyring_problem is not None, timeout=10_000)
        assert wizard.notice.isVisible()
        advice = wizard.notice.text.text()
        assert "keyring" in advice.lower()
        if sys.platform != "win32":
            # The same way out as `dev.py start` prints (a value that works, not only a name).
            assert "keyrings.alt" in advice
            assert "PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring" in advice
        type_into(qtbot, wizard.office_code, "5203")
        type_into(qtbot, wizard.counter_id, "LOTIM-04")
        qtbot.keyClick(wizard.office_name, Qt.Key.Key_Return)
        assert wizard.current_page() == PAGE_OFFICE, "no typing that Simpan would throw away"
        assert wizard.notice.isVisible() and wizard.notice.text.text() == advice
        shot(wizard, "1-kantor-tanpa-keyring", tmp_path)
    finally:
        keyring.set_keyring(previous)


def test_a_working_keyring_says_nothing_at_the_first_step(qtbot, data_dir: Path) -> None:
    wizard = make(qtbot, data_dir)
    qtbot.waitUntil(lambda: wizard.keyring_checked, timeout=10_000)
    assert wizard.keyring_problem is None and not wizard.notice.isVisible()


def test_a_refused_token_offers_to_go_back_to_it(
    qtbot, data_dir: Path, sim: SimHandle, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Issue 18: after a 401 the wizard sent the technician to a CLI command."""
    monkeypatch.setattr(wizard_module, "CONNECTION_TIMEOUT_S", 2.0)
    wizard = make(qtbot, data_dir)
    type_into(qtbot, wizard.office_code, "52.03")
    type_into(qtbot, wizard.counter_id, "LOTIM-05")
    qtbot.keyClick(wizard.office_name, Qt.Key.Key_Return)
    wizard.urls["registry"].setText(sim.registry_url)
    wizard.tokens["registry"].setText(sim.token)
    wizard.urls["immigration"].setText(sim.immigration_url)
    wizard.tokens["immigration"].setText("token-salah")
    wizard.tokens["immigration"].setFocus()
    qtbot.keyClick(wizard.tokens["immigration"], Qt.Key.Key_Return)
    wait_tested(qtbot, wizard)
    assert "401" in wizard.connection_rows["immigration"].state.text()
    note = wizard.connection_note.text()
    assert "ltsa-desk credentials" not in note, note
    detail = wizard.connection_rows["immigration"].detail.text()
    assert "401" in detail and "ltsa-desk credentials" not in detail, detail
    assert wizard.fix_token_button.isVisible()
    assert wizard.fix_token_button.hasFocus(), "Enter after a 401 leads back to the token"
    shot(wizard, "3-token-ditolak", tmp_path)
    qtbot.keyClick(wizard.fix_token_button, Qt.Key.Key_Return)
    assert wizard.current_page() == PAGE_DESTINATIONS
    token = wizard.tokens["immigration"]
    assert token.hasFocus() and token.selectedText() == "token-salah", "ready to type over"
    assert "401" in wizard.token_fields["immigration"].message_text()
    # Typed again correctly: the next test passes and the button is gone.
    qtbot.keyClicks(token, sim.token)
    qtbot.keyClick(token, Qt.Key.Key_Return)
    wait_tested(qtbot, wizard)
    assert all(result.ok for result in wizard.results.values()), wizard.results
    assert not wizard.fix_token_button.isVisible()
