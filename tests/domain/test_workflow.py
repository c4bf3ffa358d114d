"""Case workflow state machine: legal moves, refusals with Indonesian messages, terminal states."""

from __future__ import annotations

import itertools
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ltsa_desk.domain.workflow import (
    HAPPY_PATH,
    STATE_LABELS_EN,
    STATE_LABELS_ID,
    TERMINAL_STATES,
    CaseState,
    IllegalTransition,
    allowed_skips,
    allowed_transitions,
    check_skip,
    check_transition,
    is_terminal,
    step_index,
)

S = CaseState


def test_labels_cover_every_state() -> None:
    assert set(STATE_LABELS_ID) == set(CaseState) == set(STATE_LABELS_EN)
    assert STATE_LABELS_ID[S.REGISTERED] == "Terdaftar"
    assert STATE_LABELS_ID[S.PASSPORT_ISSUED] == "Paspor terbit"
    assert STATE_LABELS_ID[S.CANCELLED] == "Dibatalkan"


def test_happy_path_is_allowed_step_by_step() -> None:
    for from_, to in itertools.pairwise(HAPPY_PATH):
        for strict in (False, True):
            check_transition(from_, to, require_recommendation=strict)


def test_passport_shortcut_depends_on_office_rule() -> None:
    """Only the recommendation may be left out, and only by an office that says so."""
    from_ = S.DOCUMENTS_COMPLETE
    check_transition(from_, S.PASSPORT_REQUESTED, require_recommendation=False)
    assert S.PASSPORT_REQUESTED in allowed_transitions(from_, require_recommendation=False)
    assert S.PASSPORT_REQUESTED not in allowed_transitions(from_)
    with pytest.raises(IllegalTransition) as err:
        check_transition(from_, S.PASSPORT_REQUESTED, require_recommendation=True)
    assert err.value.reason == "needs_recommendation"
    assert "Rekomendasi" in str(err.value)


def test_exact_allowed_sets() -> None:
    assert allowed_transitions(S.REGISTERED) == {S.DOCUMENTS_COMPLETE, S.CANCELLED}
    assert allowed_transitions(S.REGISTERED, require_recommendation=False) == {
        S.DOCUMENTS_COMPLETE,
        S.CANCELLED,
    }
    assert allowed_transitions(S.DOCUMENTS_COMPLETE, require_recommendation=False) == {
        S.RECOMMENDED,
        S.PASSPORT_REQUESTED,
        S.CANCELLED,
    }
    assert allowed_transitions(S.RECOMMENDED) == {S.PASSPORT_REQUESTED, S.CANCELLED}
    assert allowed_transitions(S.PASSPORT_ISSUED) == {S.DEPARTED, S.CANCELLED}


@pytest.mark.parametrize("state", sorted(TERMINAL_STATES))
def test_terminal_states_allow_nothing(state: CaseState) -> None:
    assert is_terminal(state)
    assert allowed_transitions(state) == frozenset()
    for to in CaseState:
        with pytest.raises(IllegalTransition) as err:
            check_transition(state, to)
        assert err.value.reason == "terminal"


def test_backwards_and_same_state_are_refused() -> None:
    with pytest.raises(IllegalTransition) as err:
        check_transition(S.RECOMMENDED, S.REGISTERED)
    assert err.value.reason == "not_allowed"
    assert err.value.from_ is S.RECOMMENDED and err.value.to is S.REGISTERED
    message = str(err.value)
    assert "'Direkomendasikan'" in message and "'Terdaftar'" in message
    assert "Paspor diajukan" in message  # tells the officer what is possible instead
    with pytest.raises(IllegalTransition) as err:
        check_transition(S.REGISTERED, S.REGISTERED)
    assert err.value.reason == "same_state"


def test_store_strings_are_accepted() -> None:
    check_transition("registered", "documents_complete")
    assert allowed_transitions("passport_requested") == {S.PASSPORT_ISSUED, S.CANCELLED}
    with pytest.raises(ValueError):
        check_transition("registered", "teleported")


def test_step_index() -> None:
    assert [step_index(s) for s in HAPPY_PATH] == list(range(len(HAPPY_PATH)))
    assert step_index(S.CANCELLED) is None


@pytest.mark.parametrize("strict", [False, True])
def test_check_agrees_with_allowed_for_every_pair(strict: bool) -> None:
    for from_, to in itertools.product(CaseState, repeat=2):
        allowed = to in allowed_transitions(from_, require_recommendation=strict)
        try:
            check_transition(from_, to, require_recommendation=strict)
        except IllegalTransition:
            assert not allowed
        else:
            assert allowed


def test_error_pickles() -> None:
    err = IllegalTransition(S.DEPARTED, S.CANCELLED, "pesan", "terminal")
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.from_, copy.to, copy.reason, str(copy)) == (
        S.DEPARTED,
        S.CANCELLED,
        "terminal",
        "pesan",
    )


@given(st.lists(st.sampled_from(list(CaseState)), max_size=30), st.booleans())
def test_random_walks_stay_legal(targets: list[CaseState], strict: bool) -> None:
    state = S.REGISTERED
    for target in targets:
        before = state
        try:
            check_transition(state, target, require_recommendation=strict)
        except IllegalTransition as err:
            assert (err.from_, err.to) == (state, target)
            continue
        state = target
        assert state != before
        if state is not S.CANCELLED:
            # Only forward along the placement path.
            assert step_index(state) > step_index(before)  # type: ignore[operator]
            if strict and state is S.PASSPORT_REQUESTED:
                assert before is S.RECOMMENDED
        assert not is_terminal(before)
    if is_terminal(state):
        assert allowed_transitions(state, require_recommendation=strict) == frozenset()


@given(st.sampled_from(list(CaseState)), st.booleans())
def test_cancel_is_possible_exactly_from_non_terminal_states(
    state: CaseState, strict: bool
) -> None:
    can_cancel = S.CANCELLED in allowed_transitions(state, require_recommendation=strict)
    assert can_cancel is (state not in TERMINAL_STATES)


# --- the real case order (issue 16 item 2) -----------------------------------------------------


def test_registered_never_goes_straight_to_the_passport() -> None:
    """Documents first, in every office: the old shortcut let a case with no paper on file reach
    Paspor diajukan."""
    for strict in (False, True):
        assert S.PASSPORT_REQUESTED not in allowed_transitions(
            S.REGISTERED, require_recommendation=strict
        )
        with pytest.raises(IllegalTransition) as err:
            check_transition(S.REGISTERED, S.PASSPORT_REQUESTED, require_recommendation=strict)
        assert err.value.reason == "needs_documents"
        assert "dokumen" in str(err.value)


def test_the_recommendation_is_needed_by_default() -> None:
    assert allowed_transitions(S.DOCUMENTS_COMPLETE) == {S.RECOMMENDED, S.CANCELLED}
    with pytest.raises(IllegalTransition) as err:
        check_transition(S.DOCUMENTS_COMPLETE, S.PASSPORT_REQUESTED)
    assert err.value.reason == "needs_recommendation"
    # an office whose immigration takes the request without the letter says so explicitly
    check_transition(S.DOCUMENTS_COMPLETE, S.PASSPORT_REQUESTED, require_recommendation=False)


def test_skip_goes_forward_only_and_never_past_the_passport() -> None:
    assert allowed_skips(S.REGISTERED) == {
        S.DOCUMENTS_COMPLETE,
        S.RECOMMENDED,
        S.PASSPORT_REQUESTED,
        S.PASSPORT_ISSUED,
    }
    assert allowed_skips(S.PASSPORT_ISSUED) == frozenset()
    check_skip(S.REGISTERED, S.PASSPORT_ISSUED)
    for from_, to, code in (
        (S.RECOMMENDED, S.DOCUMENTS_COMPLETE, "not_allowed"),
        (S.REGISTERED, S.DEPARTED, "not_skippable"),
        (S.REGISTERED, S.CANCELLED, "not_skippable"),
        (S.DEPARTED, S.PASSPORT_ISSUED, "terminal"),
        (S.RECOMMENDED, S.RECOMMENDED, "same_state"),
    ):
        with pytest.raises(IllegalTransition) as err:
            check_skip(from_, to)
        assert err.value.reason == code, (from_, to)


@given(st.lists(st.sampled_from(list(CaseState)), max_size=30), st.booleans())
def test_random_walks_keep_the_case_order(targets: list[CaseState], strict: bool) -> None:
    """Whatever an officer tries, a case reaches Paspor diajukan only through Dokumen lengkap
    (and, in the default order, through Direkomendasikan)."""
    state = S.REGISTERED
    visited = [state]
    for target in targets:
        try:
            check_transition(state, target, require_recommendation=strict)
        except IllegalTransition as err:
            assert err.reason in {
                "terminal",
                "same_state",
                "needs_documents",
                "needs_recommendation",
                "not_allowed",
            }
            continue
        state = target
        visited.append(state)
    if S.PASSPORT_REQUESTED in visited:
        before = visited[: visited.index(S.PASSPORT_REQUESTED)]
        assert S.DOCUMENTS_COMPLETE in before
        if strict:
            assert S.RECOMMENDED in before


@given(st.lists(st.tuples(st.sampled_from(list(CaseState)), st.booleans()), max_size=30))
def test_random_walks_with_skips_only_go_forward(moves: list[tuple[CaseState, bool]]) -> None:
    state = S.REGISTERED
    for target, skip in moves:
        before = state
        try:
            (check_skip if skip else check_transition)(state, target)
        except IllegalTransition as err:
            assert (err.from_, err.to) == (state, target)
            continue
        state = target
        if skip:
            assert target in allowed_skips(before)
            assert step_index(state) > step_index(before)  # type: ignore[operator]
            assert state not in TERMINAL_STATES
