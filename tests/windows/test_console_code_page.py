"""The command's output in a narrow code page (Windows: cp1252 when piped or redirected).

On Linux the test asks for that code page with PYTHONIOENCODING, which is exactly what Windows
gives a pipe; in the Windows lane it runs without it, under the real code page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from wintools import NIK_MALE, WINDOWS, register_csv, run, user_home

NAME = "Nguyễn Thị Ánh"  # ễ and ị are outside cp1252, Á is inside


@pytest.fixture
def counter(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    home = user_home(tmp_path)
    data = home / "AppData" / "Local" / "LTSA Desk"
    env = {} if WINDOWS else {"PYTHONIOENCODING": "cp1252"}
    result, _ = run(home, "init", "--office-code", "52.03", "--counter-id", "LOTIM-01",
                    data_dir=data, env=env)
    assert result.code == 0, str(result)
    source = register_csv(tmp_path / "register.csv", [
        [NIK_MALE, NAME, "Selong", "12-05-1990", "L", "", "Kawin", "Malaysia", "", "→ catatan"],
    ])
    result, _ = run(home, "import-register", source, data_dir=data, env=env)
    assert result.code == 0, str(result)
    return home, data, env


def test_names_outside_the_code_page_do_not_kill_the_listing(
    counter: tuple[Path, Path, dict[str, str]],
) -> None:
    home, data, env = counter
    result, raw = run(home, "applicant", "list", data_dir=data, env=env)
    assert result.code == 0, str(result)
    assert "Traceback" not in result.stderr, str(result)
    assert NIK_MALE in result.stdout
    # Escaped where the code page has no letter, the rest as it was.
    assert b"Nguy\\u1ec5n Th\\u1ecb " in raw, raw


def test_json_output_stays_valid_and_exact(counter: tuple[Path, Path, dict[str, str]]) -> None:
    home, data, env = counter
    result, raw = run(home, "applicant", "list", "--json", data_dir=data, env=env)
    assert result.code == 0, str(result)
    payload = json.loads(raw.decode("cp1252"))
    assert NAME in json.dumps(payload, ensure_ascii=False), payload
