; Inno Setup 6 script: a per-user install of the Employer Desk bundle (no administrator rights).
;
; Build the bundle first (packaging/WINDOWS.md), then from the checkout's root:
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" packaging\windows\employer-desk.iss
; or, for a bundle somewhere else:
;   ISCC.exe /DBundleDir=C:\path\to\employer-desk packaging\windows\employer-desk.iss
;
; Installs into %LOCALAPPDATA%\Programs\Employer Desk, adds a Start-menu entry and opens
; .edkey team key files with Employer Desk (registered for this user only, under HKCU).
; The uninstaller removes the program; the BSR's data (%APPDATA%\EmployerDesk: the store,
; its backups, drafts, logs) was never installed by it and is left alone, and so are forms
; files the agency edited.

#ifndef BundleDir
  #define BundleDir "..\..\dist\employer-desk"
#endif
; The version pyproject.toml declares: the spec writes it next to the program.
#define VersionFile FileOpen(AddBackslash(BundleDir) + "VERSION")
#define AppVersion Trim(FileRead(VersionFile))
#expr FileClose(VersionFile)
#define AppName "Employer Desk"
#define AppExe "employer-desk.exe"

[Setup]
AppId={{E09B4950-7F62-43E2-BB10-62346E45F79C}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Employer Desk
VersionInfoVersion={#AppVersion}
; Per user: no UAC prompt, nothing written outside the user's profile.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=employer-desk-setup-{#AppVersion}
SetupIconFile=..\..\resources\icon\employer-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "Put an icon on the desktop"; Flags: unchecked

[Files]
; The program and everything it carries, replaced on every upgrade.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Excludes: "\forms"; Flags: ignoreversion recursesubdirs createallsubdirs
; The agency's forms files: installed the first time only, so the agency's edits survive an
; upgrade, and kept by the uninstaller. The shipped versions are always in forms-shipped.
Source: "{#BundleDir}\forms\*"; DestDir: "{app}\forms"; Flags: onlyifdoesntexist uninsneveruninstall recursesubdirs createallsubdirs
Source: "{#BundleDir}\forms\*"; DestDir: "{app}\forms-shipped"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{#AppName} (demo data)"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; WorkingDir: "{app}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
; .edkey team key files open in Employer Desk, for this user only.
Root: HKCU; Subkey: "Software\Classes\.edkey"; ValueType: string; ValueName: ""; ValueData: "EmployerDesk.TeamKey"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\EmployerDesk.TeamKey"; ValueType: string; ValueName: ""; ValueData: "Employer Desk team key"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\EmployerDesk.TeamKey\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\EmployerDesk.TeamKey\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --key-file ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start {#AppName} now"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself may have left inside its own folder; never %APPDATA%\EmployerDesk.
Type: filesandordirs; Name: "{app}\_internal"
