# Builds the Tambo desktop app and its installer on a Windows 10/11 machine (PowerShell):
#
#   powershell -ExecutionPolicy Bypass -File installers\windows\build-windows.ps1
#
# Needs: Python 3.11 or newer (python.org, "Add to PATH"), Git, and Inno Setup 6 (jrsoftware.org).
# Output: dist\desktop\tambo\ (one folder, tested by the smoke test) and dist\windows\tambo-setup-<v>.exe.
# This script is not run by CI (there is no Windows machine there): see docs\installing-desktop.md.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

if (-not (Test-Path ".venv-win\Scripts\python.exe")) { python -m venv .venv-win }
$py = ".venv-win\Scripts\python.exe"
& $py -m pip install --quiet --upgrade pip
& $py -m pip install --quiet -e ".[build]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

& $py -m desktop.i18n compile
& $py installers\make_icons.py build\icons
if ($LASTEXITCODE -ne 0) { throw "the icons could not be made" }

$start = Get-Date
& $py -m PyInstaller --noconfirm --clean --distpath dist\desktop --workpath build\pyinstaller `
    installers\desktop\tambo.spec -- --icon build\icons\tambo.ico
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
Write-Host ("PyInstaller: {0:N0} s" -f ((Get-Date) - $start).TotalSeconds)

# tambo.exe has no console (a window app); tambo-cli.exe is the same program with one, for the steps
& $py installers\desktop\smoke.py --binary dist\desktop\tambo\tambo-cli.exe
if ($LASTEXITCODE -ne 0) { throw "the smoke test failed" }

$version = (& $py -c "from desktop import __version__; print(__version__)").Trim()
$iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
if (-not (Test-Path $iscc)) { throw "Inno Setup 6 not found at $iscc" }
& $iscc "/DAppVersion=$version" installers\windows\tambo.iss
if ($LASTEXITCODE -ne 0) { throw "ISCC failed" }
Write-Host "Installer: dist\windows\tambo-setup-$version.exe"
