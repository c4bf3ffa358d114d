; LTSA Desk - Inno Setup 6 script (per-machine installer for Windows 10/11 counter PCs).
;
; Build the program folder first; it also writes packaging\version.iss and build\ltsa-desk.ico:
;     python packaging\build.py
;     ISCC.exe installer.iss          -> dist\installer\ltsa-desk-setup-<version>.exe
; (On Linux: packaging/compile_installer.sh, with wine. On GitHub: .github/workflows/windows-build.yml.)
;
; Silent install by a technician, run from the counter's Windows account (it elevates through UAC):
;     ltsa-desk-setup-<version>.exe /VERYSILENT /SUPPRESSMSGBOXES /OFFICE=52.03 /COUNTER=LOTIM-01
; /OFFICE and /COUNTER write the configuration (ltsa-desk-cli init) when the data folder has none;
; an existing configuration is never touched. The recovery key is then shown by the counter window
; at its first start (nobody reads a silent install's output). Add /MERGETASKS="!synctask" to skip
; the scheduled sync, /LOG="C:\setup.log" for a log, /LANG=en for English.
;
; Uninstall keeps the data folder; it is removed only when the technician asks: "Yes" to the
; question of an interactive uninstall, or /PURGEDATA on the uninstaller's command line:
;     "C:\Program Files\LTSA Desk\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES [/PURGEDATA]

#define AppName "LTSA Desk"
#define AppPublisher "LTSA Desk"
#define AppExeName "LTSA Desk.exe"
#define CliExeName "ltsa-desk-cli.exe"
; The PyInstaller folder to pack; ISCC /DBuildDir=... points elsewhere (e.g. an unpacked CI artifact).
#ifndef BuildDir
  #define BuildDir "dist\ltsa-desk"
#endif
; The app's own default data folder on Windows (ltsa_desk.counter.config.default_data_dir).
#define DataDir "{commonappdata}\LTSA Desk"
#define SyncTaskName "LTSA Desk Sync"
#define SyncEveryMinutes "15"
#define SyncTimeoutSeconds "600"

; AppVersion and AppVersionNumeric, written by packaging\build.py from ltsa_desk.__version__.
#include "packaging\version.iss"
#ifndef AppVersion
  #error packaging\version.iss defines no AppVersion: run "python packaging\build.py" first
#endif

[Setup]
; Fixed forever: an upgrade finds the installed version by this id and installs over it in place.
AppId={{422C66F2-7458-4D96-8E75-519C21967720}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductName={#AppName}
; Per machine: officers share the counter PC, and the program belongs in Program Files.
PrivilegesRequired=admin
DefaultDirName={autopf}\{#AppName}
DisableDirPage=auto
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
UsePreviousTasks=yes
UsePreviousLanguage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; The running app holds these mutexes (ltsa_desk/store/lock.py, INSTALLER_APP_MUTEX): setup and
; uninstall refuse while any LTSA Desk window is open, in any session. Setup never closes it.
AppMutex=LTSADeskRunning,Global\LTSADeskRunning
SetupMutex=LTSADeskSetupRunning,Global\LTSADeskSetupRunning
CloseApplications=no
RestartApplications=no
SetupIconFile=build\ltsa-desk.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
OutputDir=dist\installer
OutputBaseFilename=ltsa-desk-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=yes
SetupLogging=yes

[Languages]
; Indonesian first: the default when Windows' language matches neither.
Name: "id"; MessagesFile: "resources\installer\Indonesian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
id.TaskGroupSync=Sinkronisasi:
en.TaskGroupSync=Synchronisation:
id.TaskSync=Kirim antrean ke sistem pusat setiap {#SyncEveryMinutes} menit, juga saat aplikasi ditutup (Task Scheduler)
en.TaskSync=Send the queue to the central systems every {#SyncEveryMinutes} minutes, also while the app is closed (Task Scheduler)
id.DoctorShortcut=Periksa LTSA Desk (doctor)
en.DoctorShortcut=Check LTSA Desk (doctor)
id.StatusInit=Menulis konfigurasi loket...
en.StatusInit=Writing the counter configuration...
id.StatusSyncTask=Mendaftarkan sinkronisasi terjadwal...
en.StatusSyncTask=Registering the scheduled synchronisation...
id.BadParams=Parameter instalasi tidak sah: /OFFICE=%1 /COUNTER=%2.%n%nKeduanya harus diberikan bersama. Kode kantor berupa kode kabupaten/kota, misalnya 52.03; id loket hanya huruf, angka dan tanda '-', misalnya LOTIM-01.
en.BadParams=Invalid setup parameters: /OFFICE=%1 /COUNTER=%2.%n%nGive both together. The office code is a regency/city code such as 52.03; the counter id has only letters, digits and '-', such as LOTIM-01.
id.InitFailed=Konfigurasi loket belum dibuat di %1.%n%nJalankan dari akun Windows loket:%n"%2" init --office-code KODE --counter-id LOKET%nlalu periksa dengan "%2" doctor.
en.InitFailed=The counter configuration was not written in %1.%n%nRun from the counter's Windows account:%n"%2" init --office-code CODE --counter-id COUNTER%nthen check with "%2" doctor.
id.PurgeQuestion=Hapus juga folder data LTSA Desk?%n%n%1%n%nFolder ini berisi basis data CPMI, lampiran, cadangan, log dan konfigurasi loket. Data yang dihapus tidak dapat dikembalikan, kecuali dari cadangan yang disimpan di tempat lain.%n%nPilih Tidak untuk menyimpannya (disarankan, misalnya sebelum menginstal ulang).
en.PurgeQuestion=Also delete the LTSA Desk data folder?%n%n%1%n%nIt holds the CPMI database, attachments, backups, logs and the counter configuration. Deleted data cannot be recovered except from a backup kept elsewhere.%n%nChoose No to keep it (recommended, e.g. before reinstalling).
id.PurgeFailed=Folder data %1 tidak dapat dihapus seluruhnya. Hapus secara manual bila memang diinginkan.
en.PurgeFailed=The data folder %1 could not be deleted completely. Delete it by hand if that is really wanted.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "synctask"; Description: "{cm:TaskSync}"; GroupDescription: "{cm:TaskGroupSync}"

[InstallDelete]
; An upgrade replaces the program's libraries whole, so no file of an older build lingers. The data
; folder lives elsewhere ({commonappdata}) and is never touched here.
Type: filesandordirs; Name: "{app}\_internal"

[Dirs]
; The shared data folder: every officer's account must write the database, attachments and logs.
; Kept at uninstall (removed only on request, see [Code]).
Name: "{#DataDir}"; Permissions: users-modify; Flags: uninsneveruninstall

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"
Name: "{autoprograms}\{cm:DoctorShortcut}"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#CliExeName}"" doctor"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
; Silent set-up: only with /OFFICE and /COUNTER, and only when the data folder has no configuration.
; As the account that started setup (the counter account): init puts the database key into THAT
; account's keyring, where the app will look for it.
Filename: "{app}\{#CliExeName}"; Parameters: "init --office-code ""{param:OFFICE}"" --counter-id ""{param:COUNTER}"" --data-dir ""{#DataDir}"" --recovery-key-later"; StatusMsg: "{cm:StatusInit}"; Flags: runhidden waituntilterminated runasoriginaluser; Check: ShouldInitialise
; Sync while the app is closed. The windowed program runs the verb, so no console window flashes
; over the officer's work every quarter of an hour; its output goes to the log in the data folder.
; The task belongs to the counter account (its keyring holds the destination tokens).
Filename: "{sys}\schtasks.exe"; Parameters: "/Create /F /SC MINUTE /MO {#SyncEveryMinutes} /TN ""{#SyncTaskName}"" /TR ""\""{app}\{#AppExeName}\"" sync run --until-empty --timeout {#SyncTimeoutSeconds}"""; StatusMsg: "{cm:StatusSyncTask}"; Flags: runhidden waituntilterminated runasoriginaluser; Tasks: synctask
Filename: "{sys}\schtasks.exe"; Parameters: "/Delete /F /TN ""{#SyncTaskName}"""; Flags: runhidden waituntilterminated; Tasks: not synctask
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[UninstallRun]
Filename: "{sys}\schtasks.exe"; Parameters: "/End /TN ""{#SyncTaskName}"""; Flags: runhidden waituntilterminated; RunOnceId: "EndSyncTask"
Filename: "{sys}\schtasks.exe"; Parameters: "/Delete /F /TN ""{#SyncTaskName}"""; Flags: runhidden waituntilterminated; RunOnceId: "DeleteSyncTask"

[Code]
const
  ConfigFileName = 'config.toml';

var
  InitAttempted: Boolean;
  PurgeData: Boolean;

function DataDir: String;
begin
  Result := ExpandConstant('{#DataDir}');
end;

function ConfigExists: Boolean;
begin
  Result := FileExists(AddBackslash(DataDir) + ConfigFileName);
end;

function OfficeParam: String;
begin
  Result := Trim(ExpandConstant('{param:OFFICE}'));
end;

function CounterParam: String;
begin
  Result := Trim(ExpandConstant('{param:COUNTER}'));
end;

{ 52.03 or 5203. ltsa-desk init checks the code against the region table; this only keeps
  anything but digits and one dot out of the command line. }
function IsOfficeCode(const S: String): Boolean;
var
  I, Digits: Integer;
begin
  Result := (Length(S) = 4) or (Length(S) = 5);
  Digits := 0;
  for I := 1 to Length(S) do
    if (S[I] >= '0') and (S[I] <= '9') then
      Digits := Digits + 1
    else if not ((S[I] = '.') and (I = 3) and (Length(S) = 5)) then
      Result := False;
  Result := Result and (Digits = 4);
end;

{ Letters, digits and '-', 1 to 20 characters, not starting with '-' (as ltsa_desk.counter.config). }
function IsCounterId(const S: String): Boolean;
var
  I: Integer;
  C: Char;
begin
  Result := (Length(S) >= 1) and (Length(S) <= 20) and (Copy(S, 1, 1) <> '-');
  for I := 1 to Length(S) do
  begin
    C := S[I];
    if not (((C >= '0') and (C <= '9')) or ((C >= 'A') and (C <= 'Z')) or
            ((C >= 'a') and (C <= 'z')) or (C = '-')) then
      Result := False;
  end;
end;

function InitializeSetup: Boolean;
begin
  Result := True;
  if (OfficeParam <> '') or (CounterParam <> '') then
    if not (IsOfficeCode(OfficeParam) and IsCounterId(CounterParam)) then
    begin
      { Refuse before changing anything: a deployment script must see the failure (exit code). }
      Log('Bad /OFFICE or /COUNTER: ' + OfficeParam + ' ' + CounterParam);
      SuppressibleMsgBox(FmtMessage(CustomMessage('BadParams'), [OfficeParam, CounterParam]),
        mbCriticalError, MB_OK, IDOK);
      Result := False;
    end;
end;

{ [Run] Check of the init entry: parameters given and no configuration yet (upgrades keep theirs). }
function ShouldInitialise: Boolean;
begin
  Result := (OfficeParam <> '') and (CounterParam <> '') and not ConfigExists;
  if (OfficeParam <> '') and not Result then
    Log('Configuration already present in ' + DataDir + '; /OFFICE and /COUNTER ignored');
  if Result then
    InitAttempted := True;
end;

{ A scheduled sync still running would hold the program's files open during an upgrade. Ending it
  is safe: a killed sync loses no committed work and sends nothing twice (DESIGN.md). }
function PrepareToInstall(var NeedsRestart: Boolean): String;
var
  ResultCode: Integer;
begin
  Exec(ExpandConstant('{sys}\schtasks.exe'), '/End /TN "{#SyncTaskName}"', '', SW_HIDE,
    ewWaitUntilTerminated, ResultCode);
  Result := '';
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  Message: String;
begin
  if (CurStep = ssDone) and InitAttempted and not ConfigExists then
  begin
    Log('ltsa-desk-cli init did not write ' + AddBackslash(DataDir) + ConfigFileName);
    { No line of [Code] may start with "[": the compiler would take it for a section. }
    Message := FmtMessage(CustomMessage('InitFailed'), [DataDir, ExpandConstant('{app}\{#CliExeName}')]);
    SuppressibleMsgBox(Message, mbError, MB_OK, IDOK);
  end;
end;

function HasCommandLineSwitch(const Name: String): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), Name) = 0 then
      Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
  begin
    { Asked after the uninstall was confirmed; the default answer keeps the data. A silent
      uninstall keeps it unless /PURGEDATA was given. }
    PurgeData := HasCommandLineSwitch('/PURGEDATA');
    if not PurgeData and not UninstallSilent and DirExists(DataDir) then
      PurgeData := MsgBox(FmtMessage(CustomMessage('PurgeQuestion'), [DataDir]),
        mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  end;
  if (CurUninstallStep = usPostUninstall) and PurgeData and DirExists(DataDir) then
  begin
    Log('Deleting the data folder on request: ' + DataDir);
    if not DelTree(DataDir, True, True, True) then
      SuppressibleMsgBox(FmtMessage(CustomMessage('PurgeFailed'), [DataDir]), mbError, MB_OK,
        IDOK);
  end;
end;
