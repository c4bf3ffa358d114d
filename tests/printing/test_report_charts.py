"""The value axis of the report charts (PDF and the window's preview draw the same labels)."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from ltsa_desk.printing.report_charts import axis_labels


def _value(label: str) -> float:
    return float(label.replace(".", "").replace(",", "."))


def test_counts_step_in_whole_numbers() -> None:
    # A 2.5 step over counts printed 0, 2, 5, 8, 10 (each label rounded): issue 16.
    assert axis_labels(10, is_int=True) == ["0", "5", "10"]
    assert axis_labels(10, is_int=False) == ["0,0", "2,5", "5,0", "7,5", "10,0"]


@given(st.integers(min_value=1, max_value=10**7), st.booleans())
def test_labels_say_exactly_the_gridline_values(top: int, is_int: bool) -> None:
    labels = axis_labels(top, is_int)
    values = [_value(label) for label in labels]
    assert values[0] == 0 and values[-1] >= top
    steps = {round(b - a, 6) for a, b in itertools.pairwise(values)}
    assert len(steps) == 1, labels  # evenly spaced: no label rounded away from its line
    assert len(labels) <= 6
