"""Pendaftaran's keyboard: Enter moves on, in the order the form is read.

Officers type a CPMI in without the mouse (issue 18): Enter goes to the next field (left column,
then right, then the confirmation and Simpan), takes the first fitting suggestion of an open
completion list ("Mal" Enter is Malaysia), and stays on a NIK already registered so the warning
is read. A field is judged when the officer leaves it, never while a completion list is open.

Mixed into `IntakePage` as its event filter; the page installs it on its editors, buttons and
completion lists.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton, QWidget

from ltsa_desk.domain.placement import best_suggestion
from ltsa_desk.operations.intake import ApplicantBrief
from ltsa_desk.services.validation import FIELDS
from ltsa_desk.ui.fields import FormNotice


class EnterMovesOn:
    """The form's tab order and its Enter key."""

    editors: dict[str, QLineEdit | QComboBox]
    notice: FormNotice
    confirm_warnings: QCheckBox
    save_button: QPushButton
    clear_button: QPushButton
    duplicate: ApplicantBrief | None
    _touched: set[str]
    _edited: set[str]
    save: Callable[[], None]
    _notice_action: Callable[[], None]
    _refresh_messages: Callable[[], None]
    _mark_edited: Callable[..., None]

    def _set_tab_order(self) -> None:
        chain = self._chain()
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _chain(self) -> list[QWidget]:
        """Reading order: the fields (left column, then right), the confirmation, Simpan."""
        chain: list[QWidget] = [self.editors[name] for name in FIELDS]
        chain += [self.confirm_warnings, self.save_button, self.clear_button]
        return chain

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            ):
                popup_of = self._popup_owner(watched)
                if popup_of is not None:
                    # The completer then closes the list and hands Enter to the field.
                    self._take_suggestion(popup_of)
                    return super().eventFilter(watched, event)
                return self._enter(watched)
        elif kind == QEvent.Type.FocusOut:
            if isinstance(event, QFocusEvent) and event.reason() == Qt.FocusReason.PopupFocusReason:
                # The completion list opened under the field ("Taiw"): the officer is still
                # typing there, so it is not judged yet (UX.md: judged on leave or save).
                return super().eventFilter(watched, event)
            name = watched.objectName()
            if name in self._edited and name not in self._touched:
                self._touched.add(name)
                self._refresh_messages()
        return super().eventFilter(watched, event)

    def _enter(self, watched: QObject) -> bool:
        if watched is self.save_button:
            self.save()
            return True
        if watched is self.notice.button:
            self._notice_action()
            return True
        if watched is self.editors["nik"] and self.duplicate is not None:
            return True  # Enter stays on a NIK that is already registered: read the warning
        if isinstance(watched, QLineEdit):
            completer = watched.completer()
            if completer is not None and completer.popup().isVisible():
                self._take_suggestion(watched)
                completer.popup().hide()
        if isinstance(watched, QWidget):
            self._focus_next(watched)
            return True
        return False

    def _popup_owner(self, watched: QObject) -> QLineEdit | None:
        """The field whose completion list `watched` is, if it is one."""
        for name in ("destination_country", "job_title", "agency"):
            editor = self.editors[name]
            assert isinstance(editor, QLineEdit)
            completer = editor.completer()
            if completer is not None and completer.popup() is watched:
                return editor
        return None

    def _take_suggestion(self, editor: QLineEdit) -> None:
        """Enter in an open completion list: the row the officer chose, or else the first one
        shown that fits what was typed ("Mal" is Malaysia; `best_suggestion`), so a few letters
        and Enter fill the field; Esc closes the list and keeps what was typed (issue 18)."""
        completer = editor.completer()
        if completer is None or not completer.popup().isVisible():
            return
        index = completer.popup().currentIndex()
        if index.isValid():
            editor.setText(str(index.data()))
            return
        model = completer.completionModel()
        shown = [str(model.index(row, 0).data()) for row in range(model.rowCount())]
        taken = best_suggestion(editor.text(), shown)
        if taken is not None and taken != editor.text():
            editor.setText(taken)
            self._mark_edited(editor.objectName())

    def _focus_next(self, current: QWidget) -> None:
        name = current.objectName()
        if name in FIELDS and name in self._edited:
            self._touched.add(name)
            self._refresh_messages()
        chain = [w for w in self._chain() if w.isVisible() or not self.isVisible()]
        if current in chain:
            position = chain.index(current)
            if position + 1 < len(chain):
                chain[position + 1].setFocus(Qt.FocusReason.TabFocusReason)
