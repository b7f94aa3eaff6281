; Inno Setup 6 script of the Tambo desktop app for Windows 10/11 (64-bit).
; Built by installers\windows\build-windows.ps1 after PyInstaller's one-folder build; by hand:
;   ISCC.exe /DAppVersion=0.1.0 installers\windows\tambo.iss
; Output: dist\windows\tambo-setup-<version>.exe. See docs\installing-desktop.md.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Tambo"
#define AppExe "tambo.exe"
#define CliExe "tambo-cli.exe"
#define BuildDir "..\..\dist\desktop\tambo"
#define IconFile "..\..\build\icons\tambo.ico"

[Setup]
; never change AppId: it is how Windows knows an upgrade from a second install
AppId={{6F3C2B1E-8D4A-4C7B-9E21-5A7D3F0B9C64}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Tambo
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
OutputDir=..\..\dist\windows
OutputBaseFilename=tambo-setup-{#AppVersion}
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
PrivilegesRequired=admin
CloseApplications=yes
; an upgrade keeps the data: it lives in each user's %LOCALAPPDATA%\Tambo, never in {app}

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
es.KioskTask=Abrir Tambo en modo quiosco al iniciar sesión (equipo de atención al ciudadano)
en.KioskTask=Open Tambo in kiosk mode at sign-in (citizens' self-service computer)
es.KioskGroup=Quiosco:
en.KioskGroup=Kiosk:
es.KioskShortcut=Tambo (quiosco)
en.KioskShortcut=Tambo (kiosk)
es.CommandLine=Tambo (línea de comandos)
en.CommandLine=Tambo (command line)

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "kiosk"; Description: "{cm:KioskTask}"; GroupDescription: "{cm:KioskGroup}"; Flags: unchecked

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; files of the previous version's bundle that this one no longer has
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:KioskShortcut}"; Filename: "{app}\{#AppExe}"; Parameters: "--kiosk"
Name: "{group}\{cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#CliExe}"" --help"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon
; kiosk: every user who signs in on this computer gets the kiosk (use a dedicated kiosk account)
Name: "{commonstartup}\{cm:KioskShortcut}"; Filename: "{app}\{#AppExe}"; Parameters: "--kiosk"; Tasks: kiosk

[Run]
; offered on the last page of the wizard, unticked: a kiosk account should start it by signing in
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent unchecked
