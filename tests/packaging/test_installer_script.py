"""installer.iss checked on Linux: sections, the files it names, its constants and parameters.

The real compile happens on the Windows runner (.github/workflows/windows-build.yml) and, where
wine with 32-bit support installs, with packaging/compile_installer.sh. These checks tie the script
to the code it installs: the mutex the app holds, the data folder the app uses, the programs the
PyInstaller spec builds, and command lines the real `ltsa-desk` parser accepts.
"""

from __future__ import annotations

import re
from pathlib import PureWindowsPath

import pytest
from packaging_tools import ROOT, IssScript, load

import ltsa_desk
from ltsa_desk.cli.parser import build_parser
from ltsa_desk.counter import config as desk_config
from ltsa_desk.store.lock import INSTALLER_APP_MUTEX

bundle = load("ltsa_bundle")
build = load("build")

ISS = ROOT / "installer.iss"
DATA_DIR = "{commonappdata}\\" + desk_config.APP_NAME
APP_ID = "{{422C66F2-7458-4D96-8E75-519C21967720}"
"""Never change it: Windows finds the installed LTSA Desk by this id to upgrade it in place."""


@pytest.fixture(scope="module")
def iss() -> IssScript:
    # The include build.py writes, as text: the test must not depend on a build having run.
    version_defines = dict(
        re.findall(r'#define\s+(\w+)\s+"(.*)"', bundle.version_iss(ltsa_desk.__version__))
    )
    return IssScript.read(ISS, extra_defines=version_defines)


def _windows_cmdline(text: str) -> list[str]:
    """Split a command line as Windows programs do (CommandLineToArgvW): quotes group words,
    ``\\"`` is a literal quote, other backslashes are literal (paths)."""
    args: list[str] = []
    current: list[str] = []
    in_word = in_quotes = False
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            run = len(text[i:]) - len(text[i:].lstrip("\\"))
            if i + run < len(text) and text[i + run] == '"':
                current.append("\\" * (run // 2))
                if run % 2:
                    current.append('"')
                    i += run + 1
                else:
                    i += run
                in_word = True
                continue
            current.append("\\" * run)
            i += run
            in_word = True
            continue
        if char == '"':
            in_quotes = not in_quotes
            in_word = True
        elif char in " \t" and not in_quotes:
            if in_word:
                args.append("".join(current))
                current, in_word = [], False
        else:
            current.append(char)
            in_word = True
        i += 1
    if in_word:
        args.append("".join(current))
    return args


def test_windows_command_line_splitting() -> None:
    assert _windows_cmdline('/TR "\\"C:\\P F\\x.exe\\" sync run" /F') == [
        "/TR",
        '"C:\\P F\\x.exe" sync run',
        "/F",
    ]
    assert _windows_cmdline('--data-dir "C:\\ProgramData\\LTSA Desk" a') == [
        "--data-dir",
        "C:\\ProgramData\\LTSA Desk",
        "a",
    ]


def test_sections_present(iss: IssScript) -> None:
    assert {
        "setup",
        "languages",
        "custommessages",
        "tasks",
        "installdelete",
        "dirs",
        "files",
        "icons",
        "run",
        "uninstallrun",
        "code",
    } <= set(iss.sections)


def test_version_is_the_package_version(iss: IssScript) -> None:
    assert "packaging\\version.iss" in iss.includes
    assert (
        PureWindowsPath("packaging\\version.iss").as_posix()
        == build.VERSION_ISS.relative_to(ROOT).as_posix()
    )
    setup = iss.setup()
    assert setup["appversion"] == ltsa_desk.__version__
    assert setup["versioninfoversion"] == ".".join(
        map(str, bundle.numeric_version(ltsa_desk.__version__))
    )
    assert setup["outputbasefilename"] == f"ltsa-desk-setup-{ltsa_desk.__version__}"


def test_fixed_app_id_and_per_machine_install(iss: IssScript) -> None:
    setup = iss.setup()
    assert setup["appid"] == APP_ID
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["appid"])
    assert setup["privilegesrequired"] == "admin"
    assert "privilegesrequiredoverridesallowed" not in setup
    assert setup["defaultdirname"] == "{autopf}\\LTSA Desk"
    assert setup["architecturesinstallin64bitmode"] == "x64compatible"
    assert setup["usepreviousappdir"] == "yes"
    assert setup["minversion"] == "10.0"


def test_mutex_is_the_one_the_app_holds(iss: IssScript) -> None:
    setup = iss.setup()
    assert setup["appmutex"] == INSTALLER_APP_MUTEX
    assert setup["appmutex"] == "LTSADeskRunning,Global\\LTSADeskRunning"
    # Setup must refuse, not close the running app behind the officer's back.
    assert setup["closeapplications"] == "no"


def test_languages_indonesian_first_then_english(iss: IssScript) -> None:
    languages = iss.entries("languages")
    assert [(e["name"], e["messagesfile"]) for e in languages] == [
        ("id", "resources\\installer\\Indonesian.isl"),
        ("en", "compiler:Default.isl"),
    ]
    assert (ROOT / "resources" / "installer" / "Indonesian.isl").is_file()


def test_custom_messages_exist_in_both_languages(iss: IssScript) -> None:
    names: dict[str, set[str]] = {"id": set(), "en": set()}
    for line in iss.sections["custommessages"]:
        key = line.split("=", 1)[0]
        language, _, name = key.partition(".")
        names[language].add(name)
    assert names["id"] == names["en"]
    text = ISS.read_text(encoding="utf-8")
    used = set(re.findall(r"\{cm:(\w+)", text)) | set(re.findall(r"CustomMessage\('(\w+)'\)", text))
    isl = (ROOT / "resources/installer/Indonesian.isl").read_text(encoding="utf-8-sig")
    standard = set(re.findall(r"^(\w+)=", isl.split("[CustomMessages]", 1)[1], re.MULTILINE))
    assert used <= names["id"] | standard, used - names["id"] - standard
    assert names["id"] <= used, f"unused custom messages: {names['id'] - used}"


def test_files_come_from_the_pyinstaller_folder(iss: IssScript) -> None:
    (files,) = iss.entries("files")
    assert files["source"] == f"dist\\{bundle.DIST_NAME}\\*"
    assert files["destdir"] == "{app}"
    assert {"recursesubdirs", "createallsubdirs", "ignoreversion"} <= set(files["flags"].split())
    # An upgrade swaps the libraries whole; the data folder is elsewhere.
    (wipe,) = iss.entries("installdelete")
    assert wipe == {"type": "filesandordirs", "name": "{app}\\" + bundle.CONTENTS_DIR}


def test_files_it_names_exist_or_are_build_outputs(iss: IssScript) -> None:
    setup = iss.setup()
    assert (
        PureWindowsPath(setup["setupiconfile"]).as_posix()
        == build.ICON_ICO.relative_to(ROOT).as_posix()
    )
    # Every program the script starts is one the spec builds.
    built = {program.filename(windows=True) for program in bundle.EXECUTABLES}
    text = iss.expand(ISS.read_text(encoding="utf-8"))
    named = set(re.findall(r"\{app\}\\([^\"\\;]+?\.exe)", text))
    named.discard("unins000.exe")
    assert named, "no program named"
    assert named <= built, named - built
    assert setup["uninstalldisplayicon"] == "{app}\\" + bundle.GUI.filename(windows=True)


def test_data_folder_is_the_apps_and_users_may_write_it(iss: IssScript) -> None:
    (folder,) = iss.entries("dirs")
    assert folder["name"] == DATA_DIR
    assert folder["permissions"] == "users-modify"
    assert "uninsneveruninstall" in folder["flags"].split()
    # Nothing in the script deletes it except the purge the technician asks for.
    for section in ("installdelete", "uninstalldelete"):
        for entry in iss.entries(section):
            assert "commonappdata" not in entry["name"]


def test_start_menu_shortcut(iss: IssScript) -> None:
    icons = iss.entries("icons")
    start = [i for i in icons if i["name"] == "{autoprograms}\\LTSA Desk"]
    assert start and start[0]["filename"] == "{app}\\" + bundle.GUI.filename(windows=True)
    assert "tasks" not in start[0]  # always made
    doctor = [i for i in icons if "DoctorShortcut" in i["name"]]
    assert doctor and "doctor" in doctor[0]["parameters"]


def test_silent_install_writes_the_configuration_with_the_real_cli(iss: IssScript) -> None:
    runs = iss.entries("run")
    (init,) = [r for r in runs if r["filename"].endswith(bundle.CLI.filename(windows=True))]
    assert init["check"] == "ShouldInitialise"
    flags = set(init["flags"].split())
    assert {"runhidden", "waituntilterminated", "runasoriginaluser"} <= flags
    params = init["parameters"]
    assert '--office-code "{param:OFFICE}"' in params
    assert '--counter-id "{param:COUNTER}"' in params
    assert f'--data-dir "{DATA_DIR}"' in params
    # The real parser takes exactly this command line (values as a silent install fills them).
    filled = params.replace("{param:OFFICE}", "52.03").replace("{param:COUNTER}", "LOTIM-01")
    filled = filled.replace("{commonappdata}", "C:\\ProgramData")
    args = build_parser().parse_args(_windows_cmdline(filled))
    assert (args.verb, args.office_code, args.counter_id) == ("init", "52.03", "LOTIM-01")
    assert args.data_dir == "C:\\ProgramData\\LTSA Desk"
    assert args.recovery_key_later  # nobody reads a hidden init's output
    code = iss.code()
    assert "{param:OFFICE}" in code and "{param:COUNTER}" in code
    assert f"ConfigFileName = '{desk_config.CONFIG_FILE}'" in code
    assert re.search(r"function ShouldInitialise: Boolean;", code)
    assert "not ConfigExists" in code  # an upgrade keeps its configuration
    assert "/VERYSILENT /SUPPRESSMSGBOXES /OFFICE=52.03 /COUNTER=LOTIM-01" in ISS.read_text(
        encoding="utf-8"
    )


def test_scheduled_sync_is_an_optional_task_removed_at_uninstall(iss: IssScript) -> None:
    tasks = {t["name"]: t for t in iss.entries("tasks")}
    assert "synctask" in tasks and "desktopicon" in tasks
    runs = iss.entries("run")
    (create,) = [r for r in runs if "/Create" in r.get("parameters", "")]
    assert create["filename"] == "{sys}\\schtasks.exe"
    assert create["tasks"] == "synctask"
    assert "runasoriginaluser" in create["flags"].split()  # the counter account's keyring
    words = _windows_cmdline(create["parameters"])
    assert words[words.index("/SC") + 1] == "MINUTE"
    assert words[words.index("/MO") + 1] == "15"
    task_name = words[words.index("/TN") + 1]
    task_command = _windows_cmdline(words[words.index("/TR") + 1])
    assert task_command[0] == "{app}\\" + bundle.GUI.filename(windows=True)
    assert task_command[1:] == ["sync", "run", "--until-empty", "--timeout", "600"]
    args = build_parser().parse_args(task_command[1:])
    assert (args.verb, args.until_empty, args.timeout) == ("sync", True, 600)
    # Unticked on an upgrade: the old task goes.
    (drop,) = [r for r in runs if "/Delete" in r.get("parameters", "")]
    assert drop["tasks"] == "not synctask"
    removed = [
        _windows_cmdline(u["parameters"])
        for u in iss.entries("uninstallrun")
        if u["filename"] == "{sys}\\schtasks.exe"
    ]
    assert ["/Delete", "/F", "/TN", task_name] in removed
    assert all(u.get("runonceid") for u in iss.entries("uninstallrun"))


def test_uninstall_keeps_data_unless_asked(iss: IssScript) -> None:
    code = iss.code()
    assert "HasCommandLineSwitch('/PURGEDATA')" in code
    assert "MB_DEFBUTTON2" in code  # the question's default answer is No
    assert "not UninstallSilent" in code  # a silent uninstall never asks, and keeps
    assert "DelTree(DataDir" in code


def test_no_code_line_starts_with_a_bracket(iss: IssScript) -> None:
    """The compiler takes any line starting with '[' for a section header, even in [Code]."""
    for line in iss.sections["code"]:
        assert not line.lstrip().startswith("["), line


def test_post_install_launch_is_interactive_only(iss: IssScript) -> None:
    runs = iss.entries("run")
    (launch,) = [r for r in runs if "postinstall" in r.get("flags", "")]
    assert {"skipifsilent", "runasoriginaluser", "nowait"} <= set(launch["flags"].split())
