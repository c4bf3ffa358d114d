"""resources/installer/Indonesian.isl: complete, well-formed, and faithful to the English original.

Inno Setup ships no Indonesian messages file, so ours is written from the message names of the
English Default.isl (Inno Setup 6.4). Each entry carries its English original in a ``; en:``
comment just above it; these checks hold every translation to that original's placeholders, so a
message can never lose the ``%1`` (a file name, a version) that Setup fills in.
"""

from __future__ import annotations

import re

import pytest
from packaging_tools import ROOT

ISL = ROOT / "resources" / "installer" / "Indonesian.isl"
PLACEHOLDER = re.compile(r"%\d|%n|\[(?:name|name/ver|mb|gb)\]")

# Inno Setup 6.4's English Default.isl: 266 [Messages] entries and 12 [CustomMessages].
MESSAGE_COUNT = 266
CUSTOM_MESSAGE_COUNT = 12


def _sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in ISL.read_text(encoding="utf-8-sig").splitlines():
        header = re.fullmatch(r"\[(\w+)\]", line.strip())
        if header:
            current = header.group(1)
            sections[current] = []
        elif current:
            sections[current].append(line)
    return sections


def _pairs(section: str) -> list[tuple[str, str, str]]:
    """``(name, english, indonesian)`` for each entry of a section."""
    lines = _sections()[section]
    pairs: list[tuple[str, str, str]] = []
    for index, line in enumerate(lines):
        if line.startswith("; en: "):
            english = line.removeprefix("; en: ")
            name, _, text = lines[index + 1].partition("=")
            pairs.append((name, "" if english == "(empty)" else english, text))
    return pairs


def test_file_is_utf8_with_bom_as_inno_setup_6_expects() -> None:
    raw = ISL.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")


def test_language_options() -> None:
    options = dict(line.split("=", 1) for line in _sections()["LangOptions"] if "=" in line)
    assert options["LanguageName"] == "Bahasa Indonesia"
    assert options["LanguageID"] == "$0421"  # Indonesian (Indonesia)
    assert options["LanguageCodePage"] == "0"


@pytest.mark.parametrize(
    ("section", "count"), [("Messages", MESSAGE_COUNT), ("CustomMessages", CUSTOM_MESSAGE_COUNT)]
)
def test_every_message_is_translated_once(section: str, count: int) -> None:
    entries = [
        line.split("=", 1)[0]
        for line in _sections()[section]
        if "=" in line and not line.startswith(";")
    ]
    assert len(entries) == count
    assert len(set(entries)) == count
    assert [name for name, _en, _id in _pairs(section)] == entries  # each has its English original


@pytest.mark.parametrize("section", ["Messages", "CustomMessages"])
def test_translations_keep_placeholders_and_shortcuts(section: str) -> None:
    problems: list[str] = []
    for name, english, indonesian in _pairs(section):
        if sorted(PLACEHOLDER.findall(english)) != sorted(PLACEHOLDER.findall(indonesian)):
            problems.append(f"{name}: placeholders differ")
        if english.count("&") != indonesian.count("&"):
            problems.append(f"{name}: keyboard shortcut (&) lost or added")
        if english and not indonesian:
            problems.append(f"{name}: empty")
        if english and english == indonesian and name not in _SAME_IN_BOTH:
            problems.append(f"{name}: not translated")
    assert not problems, problems


# Entries that read the same in Indonesian.
_SAME_IN_BOTH = {
    "ButtonOK",
    "ComponentSize1",
    "ComponentSize2",
    "UninstallDisplayNameMark",
    "UninstallDisplayNameMarks",
    "UninstallDisplayNameMark32Bit",
    "UninstallDisplayNameMark64Bit",
    "AutoStartProgramGroupDescription",
}


def test_no_added_final_periods() -> None:
    """Inno Setup appends a period to some messages itself; a translation must not add one."""
    added = [
        name
        for name, english, indonesian in _pairs("Messages")
        if english
        and not english.endswith(".")
        and indonesian.endswith(".")
        and name != "TranslatorNote"
    ]
    assert not added


def test_wizard_buttons_use_the_usual_indonesian_words() -> None:
    messages = {name: text for name, _en, text in _pairs("Messages")}
    assert messages["ButtonNext"] == "&Lanjut >"
    assert messages["ButtonBack"] == "< &Kembali"
    assert messages["ButtonCancel"] == "Batal"
    assert messages["ButtonInstall"] == "&Instal"
    assert messages["ButtonFinish"] == "&Selesai"
