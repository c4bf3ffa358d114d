"""The job titles the intake form suggests: those written here, the most used first (issue 18)."""

from __future__ import annotations

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
