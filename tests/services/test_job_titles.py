"""The job titles the intake form suggests: those written here, the most used first (issue 18)."""

from __future__ import annotations

from desktools import letters, nik
from sqlitesteps import sqlite_steps

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import intake
from ltsa_desk.services.applicants import job_titles
from ltsa_desk.services.context import Actor


def test_job_titles_written_here_come_most_used_first(workspace: Workspace, actor: Actor) -> None:
    people = [
        ("5203011205900001", "Pemetik teh"),
        ("5203011205900005", "Operator produksi"),
        ("5203011205900006", "Operator produksi"),
        ("5203011205900007", None),
    ]
    with workspace.database.write_session() as session:
        for nik, job in people:
            data = {"nik": nik, "full_name": "LALU", "birth_date": "12-05-1990", "sex": "L"}
            if job:
                data["job_title"] = job
            intake.register_applicant(session, data, actor)
    with workspace.database.session() as session:
        assert job_titles(session) == ["Operator produksi", "Pemetik teh"]


def test_job_titles_come_from_the_newest_registrations_whatever_the_history(
    workspace: Workspace, actor: Actor
) -> None:
    """Years of history cost nothing here (issue 19): counting every CPMI's title took 3 s at a
    million CPMI, twice at each start of the window. The titles are read from the newest
    registrations through the index on their time: SQLite's steps for 240 CPMI are those for 40."""

    def register(first: int, count: int, job: str) -> None:
        with workspace.database.write_session() as session:
            for serial in range(first, first + count):
                data = {
                    "nik": nik(serial),
                    "full_name": f"LALU {letters(serial)}",
                    "birth_date": "12-05-1990",
                    "sex": "L",
                    "job_title": job,
                }
                intake.register_applicant(session, data, actor)

    def titles() -> list[str]:
        with workspace.database.session() as session:
            return job_titles(session, among=20)

    def steps_and_titles() -> tuple[int, list[str]]:
        if workspace.database.engine.dialect.name != "sqlite":
            return 0, titles()  # the step count is SQLite's; the titles are checked on both
        return sqlite_steps(workspace.database.engine, titles)

    register(1, 40, "Pemetik teh")
    small, first_titles = steps_and_titles()
    assert first_titles == ["Pemetik teh"]
    register(41, 200, "Operator produksi")
    big, later_titles = steps_and_titles()
    assert later_titles == ["Operator produksi"]  # the older 40 are not among the newest 20
    assert big <= small * 1.5, (small, big)
