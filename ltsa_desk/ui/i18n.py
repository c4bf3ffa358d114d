"""Translations: Indonesian is the source language of every string, English is a translation.

`.ts` sources and compiled `.qm` files live in `resources/i18n/` and are committed together; a test
compiles every `.ts` again and fails when the committed `.qm` differs (a stale build), and another
fails when a string the code shows has no finished translation.

    python -m ltsa_desk.ui.i18n update    re-extract strings from the code into the .ts files
    python -m ltsa_desk.ui.i18n compile   build the .qm files from the .ts files
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from ltsa_desk.domain.regions import resource_dir

LANGUAGES = ("id", "en")
SOURCE_DIRS = ("ltsa_desk/ui", "ltsa_desk/printing")


def i18n_dir() -> Path:
    return resource_dir("i18n")


def ts_path(language: str) -> Path:
    return i18n_dir() / f"ltsa_desk_{language}.ts"


def qm_path(language: str) -> Path:
    return i18n_dir() / f"ltsa_desk_{language}.qm"


def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the same environment as this interpreter."""
    candidate = Path(sys.executable).with_name(name)
    for path in (candidate, candidate.with_suffix(".exe")):
        if path.exists():
            return str(path)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found (it comes with PySide6)")
    return found


def source_files(root: Path) -> list[Path]:
    files: list[Path] = []
    for folder in SOURCE_DIRS:
        files.extend(sorted((root / folder).rglob("*.py")))
    return files


def extract(root: Path, target: Path, language: str) -> None:
    """Write (or merge into) a .ts file with every string the code passes to tr()/translate()."""
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "id_ID",
            "-target-language",
            language,
            *map(str, source_files(root)),
            "-ts",
            str(target),
        ],
        check=True,
        cwd=root,
    )


def fill_source_language(path: Path) -> None:
    """The Indonesian file translates each string to itself: the source text IS Indonesian."""
    tree = ElementTree.parse(path)
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ElementTree.SubElement(message, "translation")
        translation.text = source
        translation.attrib.pop("type", None)
    _write_ts(tree, path)


def _write_ts(tree: ElementTree.ElementTree, path: Path) -> None:
    ElementTree.indent(tree, space="    ")
    body = ElementTree.tostring(tree.getroot(), encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def unfinished(path: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished, non-empty translation."""
    missing = []
    for context in ElementTree.parse(path).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if (
                translation is None
                or not (translation.text or "").strip()
                or translation.get("type") in {"unfinished", "vanished", "obsolete"}
            ):
                missing.append((name, message.findtext("source") or ""))
    return missing


def compile_ts(source: Path, target: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(target)], check=True
    )


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load the chosen language; Indonesian needs no file (it is the source), English does."""
    QLocale.setDefault(
        QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
        if language == "id"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
    from ltsa_desk.ui import words  # the domain words follow the same choice

    words.set_language("id")
    path = qm_path(language)
    if language == "id" or not path.exists():
        return None
    translator = QTranslator(app)
    if translator.load(str(path)):
        app.installTranslator(translator)
        words.set_language(language)
        return translator
    return None


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parents[2]
    if argv[:1] == ["update"]:
        for language in LANGUAGES:
            extract(root, ts_path(language), language)
        fill_source_language(ts_path("id"))
        return 0
    if argv[:1] == ["compile"]:
        for language in LANGUAGES:
            compile_ts(ts_path(language), qm_path(language))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
