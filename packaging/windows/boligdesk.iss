; Inno Setup 6 script: the Windows installer of BoligDesk (docs/packaging.md).
; Build the folder first (pyinstaller --noconfirm boligdesk.spec → dist\boligdesk\), then, from the
; repository root:
;   iscc /DAppVersion=1.0.0 packaging\windows\boligdesk.iss
; (the version is boligdesk/__init__.py's __version__). Output: dist\installer\BoligDesk-<version>-setup.exe
; NOT YET RUN ON WINDOWS (written and reviewed on Linux; see docs/packaging.md "What was tried").

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=1.0.0 packaging\windows\boligdesk.iss
#endif

[Setup]
; Never change AppId: Windows recognises updates of the same program by it.
AppId={{C5B9604A-128B-4FCD-9DE1-58B949C56E2D}
AppName=BoligDesk
AppVersion={#AppVersion}
AppVerName=BoligDesk {#AppVersion}
AppPublisher=BoligDesk
DefaultDirName={autopf}\BoligDesk
DefaultGroupName=BoligDesk
DisableProgramGroupPage=yes
; IT installs for all users (admin); a user without admin rights may install for herself only.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\installer
OutputBaseFilename=BoligDesk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\boligdesk.ico
UninstallDisplayIcon={app}\BoligDesk-vindue.exe
UninstallDisplayName=BoligDesk
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; An update closes a running BoligDesk first (every change is already saved as it is made).
CloseApplications=yes

[Languages]
Name: "danish"; MessagesFile: "compiler:Languages\Danish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole one-folder build. The profiles are NOT here: they live in each user's
; %LOCALAPPDATA%\BoligDesk\profil and are never touched by installing, updating or uninstalling.
Source: "..\..\dist\boligdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the program folder's contents (a module left over from an older build could load).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\BoligDesk"; Filename: "{app}\BoligDesk-vindue.exe"; Comment: "Sager, budget og afdragsordninger"
Name: "{autodesktop}\BoligDesk"; Filename: "{app}\BoligDesk-vindue.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\BoligDesk-vindue.exe"; Description: "{cm:LaunchProgram,BoligDesk}"; Flags: nowait postinstall skipifsilent
