"""Domain words in the window: Indonesian by default, English when chosen, never drifting from the
domain's own labels."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from ltsa_desk.domain.documents import (
    DOCUMENT_KIND_LABELS_ID,
    DOCUMENT_STATUS_LABELS_ID,
    REQUIREMENTS,
)
from ltsa_desk.domain.values import MARITAL_STATUS_LABELS_ID, SECTOR_LABELS_ID, SEX_LABELS_ID
from ltsa_desk.domain.workflow import STATE_LABELS_ID
from ltsa_desk.services.accounts import ROLE_LABELS_ID
from ltsa_desk.services.letters import ITEM_STATE_LABELS_ID
from ltsa_desk.ui import words
from ltsa_desk.ui.i18n import install_translator


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    translator = install_translator(qapp, "en")
    assert translator is not None, "the compiled English translation is committed"
    try:
        yield
    finally:
        qapp.removeTranslator(translator)
        install_translator(qapp, "id")


def test_the_marked_words_are_the_domains_indonesian_labels() -> None:
    """Source texts for translation must be exactly the domain's labels, or they drift apart."""
    assert dict(SEX_LABELS_ID) == dict(words.SEX_WORDS)
    assert dict(MARITAL_STATUS_LABELS_ID) == dict(words.MARITAL_STATUS_WORDS)
    assert dict(SECTOR_LABELS_ID) == dict(words.SECTOR_WORDS)
    assert dict(ROLE_LABELS_ID) == dict(words.ROLE_WORDS)
    assert dict(ITEM_STATE_LABELS_ID) == dict(words.ITEM_STATE_WORDS)


def test_indonesian_is_the_default(qapp: QApplication) -> None:
    install_translator(qapp, "id")
    assert words.language() == "id"
    for state, label in STATE_LABELS_ID.items():
        assert words.state_label(state) == label
    for kind, label in DOCUMENT_KIND_LABELS_ID.items():
        assert words.document_label(kind) == label
    for status, label in DOCUMENT_STATUS_LABELS_ID.items():
        assert words.document_status_label(status) == label
    assert words.sex_label("P") == "Perempuan"
    assert words.role_label("technician") == "Teknisi"
    assert words.country_label("KR") == "Korea Selatan"
    for requirement in REQUIREMENTS:
        assert words.document_group_label(requirement.kinds) == requirement.label_id


def test_english_uses_the_words_of_ux_md(english: Any) -> None:
    assert words.language() == "en"
    assert words.document_status_label("verified") == "Verified"
    assert words.document_status_label("missing") == "Missing"
    assert words.document_label("passport") == "Passport"
    assert words.document_group_label(("akta_lahir", "ijazah")) == (
        "Birth certificate or School certificate"
    )
    assert words.state_label("registered") == "Registered"
    assert words.sex_label("L") == "Male"
    assert words.marital_status_label("widowed") == "Widowed"
    assert words.sector_label("informal") == "Informal"
    assert words.role_label("officer") == "Officer"
    assert words.item_state_label("pending") == "Waiting"
    assert words.item_state_label("needs_attention") == "Needs attention"
    assert words.country_label("KR") == "Korea, Republic of" or "Korea" in words.country_label("KR")


def test_unknown_values_are_shown_as_they_are(english: Any) -> None:
    assert words.state_label("archived") == "archived"
    assert words.document_label("x-ray") == "x-ray"
    assert words.sex_label("X") == "X"
    assert words.country_label("ZZ") == "ZZ"
    assert words.country_label(None) == ""


def test_a_moment_is_written_in_the_windows_language(qapp: QApplication, english: Any) -> None:
    """Issue 18: the English window said 'Waiting since 7 Desember 2026 02.50'."""
    from datetime import UTC, datetime

    moment = datetime(2026, 12, 15, 12, 0, tzinfo=UTC)  # 15 December in every time zone
    local = moment.astimezone()
    assert words.datetime_label(moment) == f"15 December 2026 {local:%H:%M}"
    assert words.datetime_label(None) == "-"
    install_translator(qapp, "id")
    assert words.datetime_label(moment) == f"15 Desember 2026 {local:%H.%M}"
