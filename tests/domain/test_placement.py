"""The order of the intake form's suggestions (issue 18): the usual case first, the name typed
in full before a longer one."""

from __future__ import annotations

from ltsa_desk.domain.placement import best_suggestion, usual_first


def test_best_suggestion_prefers_the_whole_name_then_a_prefix() -> None:
    shown = usual_first(["Somalia", "Mali", "Malaysia", "Malawi"], ["Malaysia"])
    assert shown == ["Malaysia", "Malawi", "Mali", "Somalia"]
    assert best_suggestion("mali", shown) == "Mali"
    assert best_suggestion("mal", shown) == "Malaysia"
    assert best_suggestion("omal", ["Somalia"]) == "Somalia"  # the list shows only matches
    assert best_suggestion("x", []) is None
