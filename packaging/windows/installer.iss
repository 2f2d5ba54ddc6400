; Inno Setup script for BSCP Desktop: a per-user install that needs no admin rights.
;
; Build it with packaging\windows\build.ps1, which makes the PyInstaller bundle first and
; passes the version:  ISCC.exe /DAppVersion=0.1.0 /DNumericVersion=0.1.0.0 installer.iss
;
; The program goes to %LOCALAPPDATA%\Programs\BSCP Desktop. The user's records, backups and
; logs live elsewhere, in %LOCALAPPDATA%\BSCP Desktop, which neither an upgrade nor the
; uninstaller touches.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef NumericVersion
  #define NumericVersion AppVersion
#endif
#define AppName "BSCP Desktop"
#define AppExe "bscp-desktop.exe"
; the PyInstaller one-folder bundle made by `make package` or build.ps1
#define BundleDir "..\..\dist\bscp-desktop"

[Setup]
; AppId identifies the program for upgrades and uninstall: never change it.
AppId={{C5B9E8FC-6CEA-48D0-A0D7-D299743F69FA}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
AppComments=Records for a Local Safeguarding Children Partnership
VersionInfoVersion={#NumericVersion}
VersionInfoProductName={#AppName}
VersionInfoProductVersion={#NumericVersion}
VersionInfoProductTextVersion={#AppVersion}
VersionInfoDescription={#AppName} {#AppVersion} setup
; Per user, no administrator: the program goes into the user's own profile.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\BSCP Desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename=bscp-desktop-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\bscp-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; Close a running copy before replacing its files (upgrades).
CloseApplications=yes
RestartApplications=no
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
SetupLogging=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Messages]
ConfirmUninstall=Remove %1 from this computer?%n%nYour records, backups and logs are kept: they are in the BSCP Desktop folder under AppData\Local, not in the program's folder.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the program's own library folder, so no file of an older version lingers.
; This is inside the install folder only; the user's data is never there.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "Records for the safeguarding partnership"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "Records for the safeguarding partnership"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section: uninstalling removes only the files this setup installed.
; %LOCALAPPDATA%\BSCP Desktop (the database, backups and logs) stays for a later reinstall.
