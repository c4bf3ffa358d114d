"""`init --recovery-key-later`: the silent installer's set-up must not lose the recovery key.

The installer runs `ltsa-desk-cli init` hidden, so a key printed there is never seen. With
`--recovery-key-later` nothing is printed and the key stays marked pending; the counter window's
first opening replaces it with a fresh key and shows that one (Workspace.new_recovery_key).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ltsa_desk.cli import main
from ltsa_desk.counter.protection import pending_path
from ltsa_desk.counter.workspace import open_workspace


def test_recovery_key_is_left_for_the_window(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    code = main(
        [
            "init",
            "--office-code",
            "52.03",
            "--counter-id",
            "LOTIM-01",
            "--data-dir",
            str(data),
            "--recovery-key-later",
            "--json",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0
    result = json.loads(out)
    assert result["recovery_key"] is None
    assert result["counter_id"] == "LOTIM-01"
    assert "KUNCI PEMULIHAN" not in out + err
    assert "pertama kali dibuka" in err
    assert pending_path(data).exists()

    workspace = open_workspace(data)
    try:
        assert workspace.new_recovery_key  # shown by the window at its first start
        workspace.confirm_recovery_key_shown()
    finally:
        workspace.close()
    assert not pending_path(data).exists()


def test_plain_init_still_prints_and_confirms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    args = ["init", "--office-code", "52.03", "--counter-id", "LOTIM-01", "--data-dir", str(data)]
    assert main(args) == 0
    assert "KUNCI PEMULIHAN" in capsys.readouterr().out
    assert not pending_path(data).exists()
