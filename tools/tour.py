"""A tour of every screen on a generated demo counter, saved as PNGs at 1366x768.

    python -m tools.tour OUTDIR [--language id|en]

It builds a demo office in a temporary folder (realistic Lombok Timur applicants, some submissions
delivered to a local `ltsa-sim`, one refused by the registry because the NIK is registered there
under another name, immigration offline so its submissions wait), opens the real window on it and
grabs each screen. Used for the README and for looking at the window after a change.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

SIZE = (1366, 768)


def _settle(app: QApplication, runner: object | None = None, rounds: int = 30) -> None:
    """Let background jobs finish and their results paint."""
    for _ in range(rounds):
        if runner is not None:
            runner.wait_idle(5_000)  # type: ignore[attr-defined]
        app.processEvents()


def _grab(widget: QWidget, path: Path, app: QApplication, runner: object | None = None) -> None:
    _settle(app, runner)
    widget.grab().save(str(path))
    print(f"  {path.name}", flush=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def build_demo_office(root: Path, sim: object) -> Path:
    """A counter with 60 applicants, submissions in every state the officer should recognise."""
    from ltsa_desk.counter.workspace import confirm_recovery_key_shown, initialise, open_workspace
    from ltsa_desk.demo import applicants
    from ltsa_desk.operations import case
    from ltsa_desk.services import accounts
    from ltsa_desk.services.context import Actor
    from ltsa_desk.services.intake import register_applicant
    from ltsa_desk.services.sync_setup import build_engine
    from sync.credentials import set_token

    data_dir = root / "kantor"
    initialise(
        data_dir, office_code="52.03", counter_id="LOTIM-01", office_name="LTSA Lombok Timur"
    )
    confirm_recovery_key_shown(data_dir)
    workspace = open_workspace(data_dir)
    config = workspace.config
    config.set("registry.url", sim.registry_url)  # type: ignore[attr-defined]
    # Immigration's line is down: nothing listens on this port.
    config.set("immigration.url", f"http://127.0.0.1:{_free_port()}/immigration")
    config.set("office.address", "Jl. Prof. M. Yamin No. 2, Selong")
    config.set("office.head_name", "Drs. H. Lalu Muhammad Hasan")
    config.set("office.head_nip", "197001011995031001")
    config.save()
    for destination in ("registry", "immigration"):
        set_token(destination, "52.03", sim.token)  # type: ignore[attr-defined]
    actor = Actor("petugas1", "LOTIM-01", "52.03", "officer")
    admin = Actor("admin", "LOTIM-01", "52.03", "admin")
    records = list(applicants(60, seed=7, today=date.today()))
    refused = records[5]
    sim.seed_registry(  # type: ignore[attr-defined]
        {
            "nik": refused["nik"],
            "full_name": "NAMA LAIN SEKALI",
            "birth_date": "1990-01-01",
            "sex": refused["sex"],
            "client_reference": "arsip-lama-0001",
        }
    )
    with workspace.database.write_session() as session:
        # Demo accounts of a throwaway database; nobody signs in with them, so the passwords
        # are random.
        accounts.create_user(
            session, "admin", "admin", password=secrets.token_urlsafe(12), actor="tour"
        )
        accounts.create_user(
            session,
            "petugas1",
            "officer",
            password=secrets.token_urlsafe(12),
            full_name="Baiq Nurul",
            actor="admin",  # added by the demo's admin, as the services require
        )
        registered = [register_applicant(session, record, actor).applicant.id for record in records]
    for applicant_id in registered[::6]:
        # Demo cases whose papers are in the old paper files: the admin records the passport
        # request over the order, with the reason (as an office would), as the window does.
        case.skip_order(
            workspace,
            admin,
            applicant_id,
            "passport_requested",
            "Pindahan dari register lama; berkas di map fisik",
        )
    engine = build_engine(config, workspace.database)
    engine.run_pass()
    engine.stop()
    workspace.close()
    return data_dir


def run_tour(out_dir: Path, language: str = "id") -> list[Path]:
    from ltsa_desk.counter.workspace import open_workspace
    from ltsa_desk.services.context import Actor
    from ltsa_desk.ui.app import make_application
    from ltsa_desk.ui.context import UiContext
    from ltsa_desk.ui.idle_lock import LockDialog
    from ltsa_desk.ui.main_window import MainWindow
    from ltsa_desk.ui.recovery_key import RecoveryKeyDialog
    from ltsa_desk.ui.signin import SignedIn, SignInDialog
    from ltsa_desk.ui.sync_bridge import SyncBridge
    from ltsa_desk.ui.wizard import SetupWizard
    from ltsa_desk.ui.workers import Runner
    from sync.sim.process import run_sim_process

    out_dir.mkdir(parents=True, exist_ok=True)
    app = make_application(language)
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["XDG_DATA_HOME"] = str(root / "xdg")
        with run_sim_process(root / "sim") as sim:
            data_dir = build_demo_office(root, sim)
            workspace = open_workspace(data_dir)
            runner = Runner()

            first = SetupWizard(root / "baru", runner=runner)
            first.show()
            _grab(first, out_dir / "01-first-run.png", app)
            made.append(out_dir / "01-first-run.png")
            first.close()

            key = RecoveryKeyDialog("1CGRZ-AGEZD-K4M2P-7QX9W-R3TV5-HN8BC-D6FJA")
            key.show()
            _grab(key, out_dir / "02-recovery-key.png", app)
            made.append(out_dir / "02-recovery-key.png")
            key.close()

            signin = SignInDialog(workspace, runner=runner)
            signin.show()
            _grab(signin, out_dir / "03-sign-in.png", app, runner)
            made.append(out_dir / "03-sign-in.png")
            signin.close()

            bridge = SyncBridge(workspace, runner)
            actor = Actor("admin", "LOTIM-01", "52.03", "admin")
            ctx = UiContext(workspace=workspace, actor=actor, runner=runner, bridge=bridge)
            window = MainWindow(ctx)
            window.resize(*SIZE)
            window.show()
            bridge.refresh()

            shots = [
                ("04-intake.png", lambda: window.show_page("intake")),
                ("05-search.png", lambda: window.show_page("search")),
                ("06-sync.png", lambda: window.show_page("sync")),
                ("07-settings.png", lambda: window.show_page("settings")),
            ]
            for name, show in shots:
                show()
                _grab(window, out_dir / name, app, runner)
                made.append(out_dir / name)

            applicant_id = _first_applicant_with_passport(workspace)
            window.open_applicant(applicant_id)
            page = window.pages["applicant"]
            for index, tab in enumerate(("data", "dokumen", "surat", "riwayat")):
                page.tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
                name = f"{8 + index:02d}-applicant-{tab}.png"
                _grab(window, out_dir / name, app, runner)
                made.append(out_dir / name)

            # The admin's pages, and the window as the lock leaves it.
            for name, key in (
                ("12-reports.png", "reports"),
                ("13-users.png", "users"),
                ("14-audit-log.png", "audit"),
            ):
                window.show_page(key)
                _grab(window, out_dir / name, app, runner)
                made.append(out_dir / name)
            lock = LockDialog(workspace, runner, SignedIn(actor, "Baiq Nurul"), window)
            lock.setGeometry(window.geometry())
            lock.show()
            _grab(lock, out_dir / "15-locked.png", app, runner)
            made.append(out_dir / "15-locked.png")
            lock.release()

            bridge.stop()
            window.close()
            runner.wait_idle()
            workspace.close()
    QCoreApplication.processEvents()
    return made


def _first_applicant_with_passport(workspace: object) -> str:
    from sqlmodel import select

    from ltsa_desk.store.models import Applicant

    with workspace.database.session() as session:  # type: ignore[attr-defined]
        applicant = session.exec(
            select(Applicant).where(Applicant.state == "passport_requested")
        ).first()
        assert applicant is not None
        return str(applicant.id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.tour")
    parser.add_argument("out_dir")
    parser.add_argument("--language", choices=["id", "en"], default="id")
    args = parser.parse_args(argv)
    print(f"Screens saved to {args.out_dir}:")
    run_tour(Path(args.out_dir), args.language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
