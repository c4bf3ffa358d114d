"""Translations are complete and their compiled files are not stale."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from ltsa_desk.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_committed_qm_is_built_from_the_committed_ts(language: str, tmp_path: Path) -> None:
    fresh = tmp_path / f"{language}.qm"
    i18n.compile_ts(i18n.ts_path(language), fresh)
    assert i18n.qm_path(language).read_bytes() == fresh.read_bytes(), (
        f"{i18n.qm_path(language).name} is stale: run 'python -m ltsa_desk.ui.i18n compile'"
    )


def _messages(path: Path) -> dict[tuple[str, str], ElementTree.Element]:
    found = {}
    for context in ElementTree.parse(path).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


@pytest.fixture(scope="module")
def strings_in_code(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    target = tmp_path_factory.mktemp("ts") / "current.ts"
    i18n.extract(ROOT, target, "en")
    return set(_messages(target))


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_visible_string_has_a_finished_translation(
    language: str, strings_in_code: set[tuple[str, str]]
) -> None:
    assert strings_in_code, "no translatable strings found: the extraction is broken"
    committed = _messages(i18n.ts_path(language))
    missing = sorted(strings_in_code - set(committed))
    assert not missing, f"not in {language}.ts (run the i18n update): {missing[:10]}"
    unfinished = [key for key in i18n.unfinished(i18n.ts_path(language)) if key in strings_in_code]
    assert not unfinished, f"untranslated in {language}.ts: {unfinished[:10]}"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_translations_keep_their_placeholders(language: str) -> None:
    for (context, source), message in _messages(i18n.ts_path(language)).items():
        text = message.findtext("translation") or ""
        if not text:
            continue
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(source)), (
            f"{context}: {source!r} -> {text!r}"
        )


def test_tools_are_available() -> None:
    assert shutil.which("pyside6-lupdate") or Path(i18n._tool("pyside6-lupdate")).exists()
