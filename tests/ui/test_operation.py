"""The window's operation helper: answers go only where they still matter, failures in words.

Each test blocks a job on an event so the order of events is decided by the test, not by the
pool: a superseded or orphaned answer is really produced and then really dropped. A "sentinel"
operation started after the dropped one proves the dropped answer had its chance to arrive
(queued deliveries reach the GUI thread in order).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget

from ltsa_desk.operations.refusal import Refused
from ltsa_desk.services.documents import DocumentError
from ltsa_desk.services.validation import ValidationFailed
from ltsa_desk.ui.operation import Failure, Generation, Operation, officer_message
from ltsa_desk.ui.workers import Runner

GENERIC = (
    "Tidak berhasil: data tidak dapat dibaca atau ditulis. Coba lagi; jika tetap gagal, "
    "hubungi teknisi."
)


@pytest.fixture
def runner() -> Iterator[Runner]:
    made = Runner()
    yield made
    made.wait_idle()


@pytest.fixture
def widget(qtbot: Any) -> QWidget:
    made = QWidget()
    qtbot.addWidget(made)
    return made


def blocked(value: object, gate: threading.Event) -> Callable[[], object]:
    def job() -> object:
        assert gate.wait(10), "the test never opened the gate"
        return value

    return job


def failing(error: BaseException, gate: threading.Event | None = None) -> Callable[[], object]:
    def job() -> object:
        if gate is not None:
            assert gate.wait(10), "the test never opened the gate"
        raise error

    return job


def drain(qtbot: Any, runner: Runner, parent: QWidget) -> None:
    """Let every answer already produced reach the GUI thread."""
    assert runner.wait_idle()
    arrived: list[object] = []
    Operation(parent, runner, lambda: "sentinel").success(arrived.append).run_in_background()
    qtbot.waitUntil(lambda: arrived == ["sentinel"])


def test_a_newer_load_supersedes_an_older_answer(qtbot: Any, runner: Runner, widget: QWidget):
    loads = Generation()
    gate = threading.Event()
    shown: list[object] = []
    failures: list[Failure] = []
    Operation(widget, runner, blocked("old", gate)).superseding(loads).success(
        shown.append
    ).failure(failures.append).run_in_background()
    Operation(widget, runner, lambda: "new").superseding(loads).success(shown.append).failure(
        failures.append
    ).run_in_background()
    qtbot.waitUntil(lambda: shown == ["new"])
    gate.set()
    drain(qtbot, runner, widget)
    assert shown == ["new"]
    assert failures == []


def test_a_superseded_failure_is_not_shown(qtbot: Any, runner: Runner, widget: QWidget) -> None:
    loads = Generation()
    gate = threading.Event()
    shown: list[object] = []
    failures: list[Failure] = []
    Operation(widget, runner, failing(RuntimeError("old"), gate)).superseding(loads).failure(
        failures.append
    ).run_in_background()
    Operation(widget, runner, lambda: "new").superseding(loads).success(shown.append).failure(
        failures.append
    ).run_in_background()
    qtbot.waitUntil(lambda: shown == ["new"])
    gate.set()
    drain(qtbot, runner, widget)
    assert failures == []


def test_supersede_drops_what_is_still_running(qtbot: Any, runner: Runner, widget: QWidget):
    loads = Generation()
    gate = threading.Event()
    shown: list[object] = []
    Operation(widget, runner, blocked("old", gate)).superseding(loads).success(
        shown.append
    ).run_in_background()
    loads.supersede()
    gate.set()
    drain(qtbot, runner, widget)
    assert shown == []


def test_runs_of_different_generations_do_not_supersede_each_other(
    qtbot: Any, runner: Runner, widget: QWidget
) -> None:
    shown: list[object] = []
    Operation(widget, runner, lambda: "a").superseding(Generation()).success(
        shown.append
    ).run_in_background()
    Operation(widget, runner, lambda: "b").superseding(Generation()).success(
        shown.append
    ).run_in_background()
    qtbot.waitUntil(lambda: sorted(map(str, shown)) == ["a", "b"])


@pytest.mark.parametrize("outcome", ["success", "failure"])
def test_the_answer_to_a_deleted_widget_is_dropped(
    qtbot: Any, runner: Runner, widget: QWidget, outcome: str
) -> None:
    doomed = QWidget()
    gate = threading.Event()
    called: list[object] = []
    job = blocked("late", gate) if outcome == "success" else failing(RuntimeError("late"), gate)
    Operation(doomed, runner, job).success(called.append).failure(called.append).run_in_background()
    shiboken6.delete(doomed)
    assert not shiboken6.isValid(doomed)
    gate.set()
    drain(qtbot, runner, widget)
    assert called == []


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (DocumentError("not_on_file", "Paspor belum dilampirkan"), "Paspor belum dilampirkan"),
        (ValidationFailed({"nik": "NIK harus 16 angka"}), "NIK harus 16 angka"),
        (Refused("Status tidak dapat diubah", field="state"), "Status tidak dapat diubah"),
        (OSError("disk full"), GENERIC),
    ],
)
def test_a_failure_arrives_with_the_officers_message(
    qtbot: Any, runner: Runner, widget: QWidget, error: BaseException, message: str
) -> None:
    failures: list[Failure] = []
    succeeded: list[object] = []
    Operation(widget, runner, failing(error)).success(succeeded.append).failure(
        failures.append
    ).run_in_background()
    qtbot.waitUntil(lambda: len(failures) == 1)
    assert failures[0].error is error
    assert failures[0].message == message
    assert failures[0].message == officer_message(error)
    assert succeeded == []


def test_success_is_called_on_the_gui_thread_after_work_off_it(
    qtbot: Any, runner: Runner, widget: QWidget
) -> None:
    worked_on: list[str] = []
    called_on: list[threading.Thread] = []
    results: list[object] = []

    def done(result: object) -> None:
        called_on.append(threading.current_thread())
        results.append(result)

    Operation(widget, runner, lambda: 42, threads=worked_on).success(done).run_in_background()
    qtbot.waitUntil(lambda: results == [42])
    assert called_on == [threading.main_thread()]
    assert worked_on and worked_on[0] != threading.main_thread().name
