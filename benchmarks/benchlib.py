"""What the benchmarks share: figures, sizes, the work folder, counters, bulk seeding.

Nothing here measures; it builds. The data are realistic generated CPMI (`ltsa_desk.demo`, fixed
seed) written in bulk with SQLAlchemy Core on the workspace's own engine: a million applicants
through the intake service one by one would take hours and measure nothing the suite reports.
"""

from __future__ import annotations

import json
import math
import os
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OFFICE = "52.03"
COUNTER = "LOTIM-01"
SEED = 2026
TODAY = date(2026, 6, 1)
"""The suite's fixed "today": generated ages, departures and registration times depend on it."""


# ------------------------------------------------------------------------------------------------
# Figures


@dataclass
class Figure:
    """One line of the table and one object of the JSON array."""

    name: str
    value: float | None
    unit: str
    baseline: float | None = None
    ratio: float | None = None
    target: str = ""
    ok: bool | None = None
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("value", "baseline", "ratio"):
            if isinstance(data[key], float):
                data[key] = round(data[key], 4)
        if not data["note"]:
            del data["note"]
        return data


def ratio(value: float | None, baseline: float | None) -> float | None:
    if value is None or not baseline:
        return None
    return value / baseline


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q * len(ordered))))
    return ordered[rank - 1]


# ------------------------------------------------------------------------------------------------
# Sizes


@dataclass(frozen=True)
class Sizes:
    label: str
    applicants: int  # the big register searched, opened at cold start, stalled on
    intake: int  # measured registrations (after the warm-up)
    intake_warmup: int
    searches: int  # per kind of search text
    drain: int
    faulty_drain: int  # the faulty run's length is its retries' tail, not its size
    gui_drain: int
    export_rows: int
    import_rows: int
    cold_repeats: int
    concurrency: int = 4
    extra: dict[str, Any] = field(default_factory=dict)


FULL = Sizes(
    "full",
    applicants=1_000_000,
    intake=500,
    intake_warmup=50,
    searches=100,
    drain=10_000,
    faulty_drain=10_000,
    gui_drain=10_000,
    export_rows=100_000,
    import_rows=10_000,
    cold_repeats=5,
)
QUICK = Sizes(
    "quick",
    applicants=100_000,
    intake=200,
    intake_warmup=20,
    searches=40,
    drain=2_000,
    faulty_drain=2_000,
    gui_drain=2_000,
    export_rows=20_000,
    import_rows=2_000,
    cold_repeats=3,
)
SMOKE = Sizes(
    "smoke",
    applicants=3_000,
    intake=20,
    intake_warmup=5,
    searches=5,
    drain=150,
    faulty_drain=100,
    gui_drain=150,
    export_rows=500,
    import_rows=100,
    cold_repeats=1,
)


# ------------------------------------------------------------------------------------------------
# Environment and work folder


def prepare_environment(root: Path) -> None:
    """Keyring in a file under the work folder, Qt offscreen: nothing of the user's is touched.

    Set before anything imports keyring or Qt; inherited by every subprocess the suite starts.
    """
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    os.environ["XDG_DATA_HOME"] = str(root / "xdg-data")
    os.environ["XDG_CONFIG_HOME"] = str(root / "xdg-config")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.pop("LTSA_DATA_DIR", None)


def _is_tmpfs(path: Path) -> bool:
    """Whether a folder lives in memory (tmpfs/ramfs): fsync would cost nothing there."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False  # not Linux: temp folders are on disk
    resolved = str(path.resolve())
    best, kind = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1]
        if (resolved == mount_point or resolved.startswith(mount_point.rstrip("/") + "/")) and len(
            mount_point
        ) > len(best):
            best, kind = mount_point, parts[2]
    return kind in {"tmpfs", "ramfs"}


def work_parent(explicit: str | None) -> Path:
    """Where the temporary work folder goes: the system temp folder unless it is in memory."""
    if explicit:
        parent = Path(explicit)
    else:
        parent = Path(tempfile.gettempdir())
        if _is_tmpfs(parent):
            parent = Path(__file__).resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    return parent


@contextmanager
def timed(label: str, log: Any) -> Iterator[None]:
    started = time.perf_counter()
    yield
    log(f"{label}: {time.perf_counter() - started:.1f} s")


# ------------------------------------------------------------------------------------------------
# Counters (workspaces) and simulators


def make_workspace(folder: Path, *, database_url: str | None = None):  # type: ignore[no-untyped-def]
    """A new counter (office 52.03, counter LOTIM-01) with its encrypted database, opened."""
    from ltsa_desk.counter.workspace import confirm_recovery_key_shown, initialise, open_workspace

    initialise(folder, office_code=OFFICE, counter_id=COUNTER, database_url=database_url)
    confirm_recovery_key_shown(folder)
    return open_workspace(folder)


#: The counter's first admin, for the verbs that need an account (`--as` and the password on
#: stdin's first line, as a technician's script runs them): made where no account exists yet.
ADMIN, ADMIN_PASSWORD = "admin.bench", "kopi-hujan-sepeda-biru-7"


def add_admin(workspace: Any) -> None:
    """The first admin of a new counter (free while it has no account, as at set-up)."""
    from ltsa_desk.services.accounts import create_user

    with workspace.database.write_session() as session:
        create_user(session, ADMIN, "admin", password=ADMIN_PASSWORD, actor="setup-wizard")


def ensure_admin(folder: Path) -> None:
    """The folder's counter has :data:`ADMIN` (added when it has no account yet)."""
    from ltsa_desk.counter.workspace import open_workspace
    from ltsa_desk.services.accounts import find_user

    workspace = open_workspace(folder)
    try:
        with workspace.database.session() as session:
            missing = find_user(session, ADMIN) is None
        if missing:
            add_admin(workspace)
    finally:
        workspace.close()


def as_admin(args: list[str]) -> tuple[list[str], str]:
    """A verb's arguments and stdin to run it as :data:`ADMIN`."""
    return [*args, "--as", ADMIN], f"{ADMIN_PASSWORD}\n"


def open_workspace_at(folder: Path):  # type: ignore[no-untyped-def]
    from ltsa_desk.counter.workspace import open_workspace

    return open_workspace(folder)


def database_path(workspace: Any) -> Path:
    from ltsa_desk.store.database import sqlite_path

    path = sqlite_path(workspace.database.url)
    assert path is not None, "a SQLite counter"
    return path


def point_at_sim(workspace: Any, sim: Any, concurrency: int) -> None:
    """Configure the counter's registry (and immigration) on a running simulator."""
    from sync.credentials import set_token

    config = workspace.config
    config.set("registry.url", sim.registry_url)
    config.set("immigration.url", sim.immigration_url)
    config.set("sync.concurrency", str(concurrency))
    config.save()
    set_token("registry", config.office_code, sim.token, url=sim.registry_url)
    set_token("immigration", config.office_code, sim.token, url=sim.immigration_url)


def actor():  # type: ignore[no-untyped-def]
    from ltsa_desk.services.context import Actor

    return Actor(username="petugas1", counter_id=COUNTER, office_code=OFFICE)


# ------------------------------------------------------------------------------------------------
# Bulk seeding

_STATES = (
    ("registered", 30),
    ("documents_complete", 20),
    ("recommended", 10),
    ("passport_requested", 15),
    ("passport_issued", 10),
    ("departed", 13),
    ("cancelled", 2),
)
_SEED_START = datetime(2021, 7, 1, 1, 0, tzinfo=UTC)


def _parse(text: str | None) -> date | None:
    """A demo date (DD-MM-YYYY); slicing, not strptime, which cost a sixth of a million rows."""
    if not text:
        return None
    day, month, year = text.split("-")
    return date(int(year), int(month), int(day))


def registration_step(count: int) -> timedelta:
    """Time between two seeded registrations: the register spans the years up to TODAY."""
    span = datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=UTC) - _SEED_START
    return span / max(count, 1)


#: Share of the register written while the clock was wrong or imported late (see time_shifts).
DISORDERED_SHARE = 0.03


def time_shifts(count: int, *, seed: int = SEED) -> list[tuple[int, int, timedelta]]:
    """Stretches ``(first, end, back)`` of insertion order whose times run ``back`` behind.

    A counter's register after years is not in time order: once the PC's clock was set back (a
    flat CMOS battery, a wrong time zone) until someone noticed, and stretches of registrations
    typed on paper during an outage were entered days or months later with their real date. Each
    stretch is shorter than its shift, so every row of it is older than the rows inserted just
    before it. About :data:`DISORDERED_SHARE` of the rows; fixed by the seed.
    """
    if count < 50:
        return []
    rng = random.Random(f"{seed}-clock")
    step = registration_step(count)
    budget = max(5, int(count * DISORDERED_SHARE))
    lengths: list[int] = []
    while budget > 0:
        longest = max(6, count * 0.003)  # a few rows (hours) to days of registrations
        lengths.append(min(budget, int(math.exp(rng.uniform(math.log(5), math.log(longest))))))
        budget -= lengths[-1]
    slot = int(count * 0.93) // len(lengths)  # spread over the years, none in the first weeks
    shifts: list[tuple[int, int, timedelta]] = []
    for index, length in enumerate(lengths):
        first = count // 20 + index * slot + rng.randrange(max(1, slot - length))
        kind = rng.random()
        if kind < 0.4:
            back = timedelta(hours=rng.uniform(1, 48))  # the clock set back, noticed soon
        elif kind < 0.7:
            back = timedelta(days=rng.uniform(2, 30))
        else:
            back = timedelta(days=rng.uniform(30, 180))  # paper forms entered months late
        shifts.append((first, first + length, max(back, step * (length + 1))))
    return shifts


def applicant_rows(
    count: int, *, seed: int = SEED, time_disorder: bool = True
) -> Iterator[dict[str, Any]]:
    """`count` applicant table rows in insertion order, with tracking codes numbered per year.

    Oldest first except for a few stretches (:func:`time_shifts`, unless ``time_disorder`` is
    false) whose ``registered_at`` is hours to months earlier than the rows inserted before them:
    rowid order is not time order, as on a real counter. Tracking codes take the year of the
    registration time and the next number of that year, as the intake numbers them, so they stay
    unique.
    """
    from ltsa_desk import demo
    from ltsa_desk.store.search import name_key

    rng = random.Random(seed + 1)
    states = [state for state, weight in _STATES for _ in range(weight)]
    step = registration_step(count)
    shifts = time_shifts(count, seed=seed) if time_disorder else []
    shift_index = 0
    per_year: dict[int, int] = {}
    for i, record in enumerate(demo.applicants(count, seed=seed, today=TODAY)):
        at = _SEED_START + step * i
        while shift_index < len(shifts) and i >= shifts[shift_index][1]:
            shift_index += 1
        if shift_index < len(shifts) and shifts[shift_index][0] <= i:
            at -= shifts[shift_index][2]
        per_year[at.year] = per_year.get(at.year, 0) + 1
        state = rng.choice(states)
        registered = state != "registered" or rng.random() < 0.5
        yield {
            "id": uuid.UUID(int=rng.getrandbits(128), version=4),
            "tracking_code": f"{COUNTER}-{at.year}-{per_year[at.year]:06d}",
            "nik": record["nik"],
            "kk": None,
            "full_name": record["full_name"],
            "name_key": name_key(record["full_name"]),
            "birth_place": record["birth_place"],
            "birth_date": _parse(record["birth_date"]),
            "sex": record["sex"],
            "address": record["address"],
            "phone": record["phone"],
            "education": record["education"],
            "marital_status": record["marital_status"],
            "destination_country": record["destination_country"],
            "job_title": record["job_title"],
            "sector": record["sector"],
            "agency": record["agency"],
            "planned_departure": _parse(record["planned_departure"]),
            "state": state,
            "regency_code": record["nik"][:2] + "." + record["nik"][2:4],
            "registry_id": f"REG-{i + 1:08d}" if registered else None,
            "passport_application_no": None,
            "office_code": OFFICE,
            "counter_id": COUNTER,
            "registered_at": at,
            "registered_by": "petugas1",
            "updated_at": at,
            "cancelled_reason": "Mengundurkan diri" if state == "cancelled" else None,
        }


def seed_applicants(
    database: Any,
    count: int,
    *,
    seed: int = SEED,
    chunk: int = 5_000,
    progress: Any = None,
    time_disorder: bool = True,
    history: bool = False,
    pending: int = 200,
    history_progress: Any = None,
) -> list[dict[str, Any]]:
    """Bulk-load `count` applicants (and their agencies) through Core executemany.

    Rows go in in :func:`applicant_rows` order, so a few stretches are out of time order unless
    ``time_disorder`` is false. With ``history`` each CPMI also gets the outbox items, case events
    and audit entries a counter writes over the years (``history.seed_history``), all delivered
    but the newest ``pending`` registrations (and their passport applications). Returns a small
    sample of the rows (every 97th) for the searches to aim at.
    """
    from sqlalchemy import insert

    from ltsa_desk import demo
    from ltsa_desk.store.models import Agency, Applicant, CounterSequence
    from ltsa_desk.store.search import name_key

    agencies = {
        name: uuid.UUID(int=random.Random(f"{seed}{name}").getrandbits(128), version=4)
        for name in demo.AGENCIES
    }
    sample: list[dict[str, Any]] = []
    last_per_year: dict[int, int] = {}
    with database.writer.begin() as connection:
        connection.execute(
            insert(Agency.__table__),
            [
                {
                    "id": agency_id,
                    "name": name,
                    "name_key": name_key(name),
                    "license_no": None,
                    "verified": True,
                    "created_at": _SEED_START,
                }
                for name, agency_id in agencies.items()
            ],
        )
    batch: list[dict[str, Any]] = []
    done = 0

    def flush() -> None:
        nonlocal done
        with database.writer.begin() as connection:
            connection.execute(insert(Applicant.__table__), batch)
        done += len(batch)
        batch.clear()
        if progress:
            progress(done, count)

    if history:
        import history as history_module

    for i, row in enumerate(applicant_rows(count, seed=seed, time_disorder=time_disorder)):
        row["agency_id"] = agencies[row.pop("agency")]
        if history:
            history_module.settle_row(row, i, count, pending)
        year = row["registered_at"].year
        number = int(row["tracking_code"].rsplit("-", 1)[1])
        last_per_year[year] = max(number, last_per_year.get(year, 0))
        if i % 97 == 0:
            sample.append(row)
        batch.append(row)
        if len(batch) >= chunk:
            flush()
    if batch:
        flush()
    with database.writer.begin() as connection:
        connection.execute(
            insert(CounterSequence.__table__),
            [
                {"counter_id": COUNTER, "name": "tracking", "year": year, "last_value": value}
                for year, value in last_per_year.items()
            ],
        )
    if history:
        history_module.seed_history(database, today=TODAY.isoformat(), progress=history_progress)
    return sample


def write_json(path: Path, figures: list[Figure]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps([figure.as_json() for figure in figures], indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
