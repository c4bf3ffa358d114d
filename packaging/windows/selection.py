"""Which tests the Windows lane runs under Windows Python (packaging/windows/wine_check.py).

The goal is every test that is not about Linux; under wine each process start and each fsync
costs several times more than on Linux, and the whole selection took over an hour on CI's two
cores, which does not fit the CI budget (the whole run under 45 minutes). So CI runs the files
where Windows behaves differently from Linux and where a difference would hurt a counter most:
files renamed or deleted while open, locks and the named mutex, processes started and killed,
paths with spaces and non-ASCII letters, code pages, CSV line ends, the keyring. Pure logic
(domain rules, search ranking, the window's pages) behaves the same on both and stays in the
Linux suite.

A test that cannot run under Windows carries its own ``skipif(sys.platform == "win32",
reason=...)`` mark in the test file; pytest's ``-rs`` prints each with its reason. A test left
out here for time alone is in :data:`LEFT_OUT`, printed with its reason at every run.
"""

from __future__ import annotations

TEST_PATHS = (
    # Windows semantics: cp1252 console output, a profile under C:\Users\Baiq Nur'aini\,
    # Excel's CSV with CRLF, restore while another program holds the database, the named mutex.
    "tests/windows",
    # The data-folder lock of a running and of a killed app.
    "tests/store/test_lock.py",
    # Attachments written atomically (renamed over), their keyed file names, a kill in the
    # middle of the renaming, names that must not leak into backups and the support bundle.
    "tests/store/test_attachments.py",
    "tests/store/test_attachment_names.py",
    "tests/security/test_attachment_name_leaks.py",
    # SQLCipher, the keyring's database key, the conversion of an old plaintext database while
    # another process holds the file or the folder, the window's conversion under its own lock.
    "tests/store/test_encryption.py",
    # Backup and restore: files replaced while open, a restore's refusals.
    "tests/care/test_backup.py",
    "tests/care/test_restore.py",
    "tests/security/test_restore_walls.py",
    "tests/care/test_support.py",
    # Registers as Windows offices save them (CRLF, cp1252, UTF-16, Excel's sep= line, xlsx)
    # and the CSV the reports write (no formula in any cell).
    "tests/services/test_register_file.py",
    "tests/services/test_register_xlsx.py",
    "tests/services/test_register_rejects.py",
    "tests/security/test_csv_formulas.py",
    # The sync command against a real ltsa-sim process, the simulator's own process handling,
    # and exactly-once delivery when `sync run` is killed (TerminateProcess) at random moments.
    "tests/sync/test_cli_sync.py",
    "tests/sim/test_sim_process.py",
    "tests/sync/test_crash_kill.py",
    # The command line as a technician drives it: set-up, configuration and its refusals, the
    # data folder from the option or the environment, doctor on damaged files; the recovery key on
    # a second PC (another account's keyring); an old database converted, killed on the way.
    "tests/cli/test_cli_setup.py",
    "tests/cli/test_cli_recover.py",
    "tests/cli/test_cli_encrypt_upgrade.py",
)

# `--full`: CI's selection and more store, CLI, bundle, reports and printing files (about an hour).
FULL_TEST_PATHS = (
    *TEST_PATHS,
    "tests/store/test_database.py",
    "tests/care",
    "tests/cli",
    "tests/bundle/test_bundle_roundtrip.py",
    "tests/sync/test_delivery.py",
    "tests/reports/test_cli_report.py",
    "tests/printing/test_pdfs.py",
)

# Left out of CI's run for time alone (they pass under wine; `--paths` runs them): the register
# reader's property-based fuzzers, pure parsing with no file-system or process difference
# between Windows and Linux, about three minutes under wine. The CSV round trip stays in.
_FUZZ = "fuzzing the register reader: pure parsing, the same on Linux; about a minute under wine"
LEFT_OUT = {
    "tests/services/test_register_rejects.py::test_random_bytes_never_crash": _FUZZ,
    "tests/services/test_register_rejects.py::test_random_delimited_text_never_crashes": _FUZZ,
    "tests/services/test_register_rejects.py::test_mangled_xlsx_never_crashes": _FUZZ,
    "tests/services/test_register_rejects.py::test_xlsx_arbitrary_cells": _FUZZ,
}
