"""Helpers shared by the packaging tests: the ``packaging/`` modules and an Inno Setup reader.

``packaging/`` has no ``__init__.py`` on purpose (it would shadow the PyPA ``packaging``
library), so its modules are loaded from their files here.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def load(name: str) -> ModuleType:
    """Import ``packaging/<name>.py`` once.

    ``ltsa_bundle`` keeps its own name (build.py imports it by that name); the others get a
    prefixed one, so ``build.py`` never takes the place of the PyPA ``build`` package.
    """
    module_name = name if name == "ltsa_bundle" else f"ltsa_packaging_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    if str(PACKAGING) not in sys.path:
        sys.path.append(str(PACKAGING))  # for build.py's `import ltsa_bundle`
    spec = importlib.util.spec_from_file_location(module_name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class IssScript:
    """An Inno Setup script as the compiler sees its sections, after ISPP ``#define``s.

    Only what the tests need: ``#define NAME "value"`` substitution of ``{#NAME}``, ``Key=Value``
    sections, entry sections (``Param: value; Param: "quoted"`` with ``""`` for a quote inside)
    and the raw ``[Code]`` text.
    """

    defines: dict[str, str] = field(default_factory=dict)
    sections: dict[str, list[str]] = field(default_factory=dict)
    includes: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path, extra_defines: dict[str, str] | None = None) -> IssScript:
        script = cls()
        script.defines.update(extra_defines or {})
        section: str | None = None
        for raw in path.read_text(encoding="utf-8-sig").splitlines():
            line = raw.strip()
            if section != "code" and (not line or line.startswith(";")):
                continue
            if line.startswith("#"):
                define = re.match(r'#define\s+(\w+)\s+"(.*)"\s*$', line)
                if define and define.group(1) not in script.defines:
                    script.defines[define.group(1)] = script.expand(define.group(2))
                include = re.match(r'#include\s+"(.*)"', line)
                if include:
                    script.includes.append(include.group(1))
                continue
            header = re.fullmatch(r"\[(\w+)\]", line)
            if header:
                section = header.group(1).lower()
                script.sections.setdefault(section, [])
                continue
            if section is not None:
                script.sections[section].append(raw if section == "code" else line)
        return script

    def expand(self, text: str) -> str:
        return re.sub(r"\{#(\w+)\}", lambda m: self.defines.get(m.group(1), m.group(0)), text)

    def setup(self) -> dict[str, str]:
        """``[Setup]`` directives, names lower-cased (Inno ignores their case)."""
        values: dict[str, str] = {}
        for line in self.sections.get("setup", []):
            key, _, value = line.partition("=")
            values[key.strip().lower()] = self.expand(value.strip())
        return values

    def entries(self, section: str) -> list[dict[str, str]]:
        """Entry lines as ``{param name (lower case): value}`` with quotes undone."""
        return [parse_entry(self.expand(line)) for line in self.sections.get(section, [])]

    def code(self) -> str:
        return self.expand("\n".join(self.sections.get("code", [])))


def parse_entry(line: str) -> dict[str, str]:
    """Split an entry line into ``{param: value}``; a doubled quote inside quotes is one quote."""
    result: dict[str, str] = {}
    pos = 0
    while pos < len(line):
        match = re.compile(r"\s*(\w+)\s*:\s*").match(line, pos)
        if match is None:
            raise ValueError(f"cannot parse entry at {pos}: {line!r}")
        name = match.group(1).lower()
        pos = match.end()
        if pos < len(line) and line[pos] == '"':
            value, pos = _quoted(line, pos)
        else:
            end = line.find(";", pos)
            end = len(line) if end < 0 else end
            value, pos = line[pos:end].strip(), end
        result[name] = value
        rest = re.compile(r"\s*;?").match(line, pos)
        assert rest is not None
        pos = rest.end()
    return result


def _quoted(line: str, pos: int) -> tuple[str, int]:
    out: list[str] = []
    pos += 1
    while pos < len(line):
        char = line[pos]
        if char == '"':
            if pos + 1 < len(line) and line[pos + 1] == '"':
                out.append('"')
                pos += 2
                continue
            return "".join(out), pos + 1
        out.append(char)
        pos += 1
    raise ValueError(f"unterminated quote: {line!r}")
