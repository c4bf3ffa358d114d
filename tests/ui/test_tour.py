"""The screen tour runs end to end on its generated demo office (the README's pictures)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from tools.tour import SIZE, run_tour


def test_the_tour_saves_every_screen_at_counter_size(qtbot, tmp_path: Path) -> None:
    made = run_tour(tmp_path / "tour")
    assert len(made) == 15
    for path in made:
        image = QImage(str(path))
        assert not image.isNull(), path.name
    window_shots = [p for p in made if p.name[:2] >= "04"]
    assert all(QImage(str(p)).size().toTuple() == SIZE for p in window_shots)
