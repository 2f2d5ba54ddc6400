<#
.SYNOPSIS
    Build the BSCP Desktop Windows installer: bundle, self-test, then Inno Setup.

.DESCRIPTION
    Run from any folder on a Windows 10/11 build machine with Python 3.11+ (64-bit) and
    Inno Setup 6.3 or later. No admin rights are needed. The script:
      1. creates .venv in the repository (if missing) and installs the program with its
         packaging tools:  pip install -e ".[package]"
      2. builds the one-folder bundle with PyInstaller into dist\bscp-desktop
      3. runs the bundled program's self-test (bscp-desktop.exe --smoke)
      4. reads the version from bscp_desktop.__version__ and compiles
         packaging\windows\installer.iss with ISCC /DAppVersion=<version>
    The installer is written to dist\installer\bscp-desktop-<version>-setup.exe.

.PARAMETER Python
    The Python used to create .venv (default: the "py -3.11" launcher if present, else python).

.PARAMETER Iscc
    Full path of ISCC.exe, if Inno Setup is not in a standard place or on PATH.

.PARAMETER SkipSmoke
    Do not run the self-test of the bundle (not recommended).

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#>
[CmdletBinding()]
param(
    [string]$Python = "",
    [string]$Iscc = "",
    [switch]$SkipSmoke
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

function Invoke-Checked {
    param([string]$What, [scriptblock]$Command)
    Write-Host "==> $What"
    & $Command
    if ($LASTEXITCODE -ne 0) {
        throw "$What failed (exit code $LASTEXITCODE)."
    }
}

$Repo = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Repo
$VenvPython = Join-Path $Repo ".venv\Scripts\python.exe"

# 1. Virtual environment with the program and PyInstaller
if (-not (Test-Path $VenvPython)) {
    if ($Python) {
        $PyWords = @($Python -split "\s+" | Where-Object { $_ })
        $PyExe = $PyWords[0]
        $PyArgs = @($PyWords | Select-Object -Skip 1)
        Invoke-Checked "Creating .venv with $Python" { & $PyExe @PyArgs -m venv .venv }
    } elseif (Get-Command py -ErrorAction SilentlyContinue) {
        Invoke-Checked "Creating .venv with py -3.11" { & py -3.11 -m venv .venv }
    } else {
        Invoke-Checked "Creating .venv with python" { & python -m venv .venv }
    }
}
Invoke-Checked "Updating pip" { & $VenvPython -m pip install --quiet --upgrade pip }
Invoke-Checked "Installing BSCP Desktop and PyInstaller" { & $VenvPython -m pip install --quiet -e ".[package]" }

# 2. Version, from the package itself
$Version = (& $VenvPython -c "import bscp_desktop; print(bscp_desktop.__version__)").Trim()
if ($LASTEXITCODE -ne 0 -or -not $Version) { throw "Could not read the version from bscp_desktop." }
# Windows version resources take up to four numbers: 1.2.0rc1 -> 1.2.0.0
$Numbers = @([regex]::Matches($Version, "\d+") | Select-Object -First 3 | ForEach-Object { $_.Value })
while ($Numbers.Count -lt 4) { $Numbers += "0" }
$NumericVersion = $Numbers -join "."
Write-Host "    version $Version ($NumericVersion)"

# 3. The PyInstaller bundle (the same command as `make package`)
Invoke-Checked "Building the bundle with PyInstaller" {
    & $VenvPython -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\bscp_desktop.spec
}
$Exe = Join-Path $Repo "dist\bscp-desktop\bscp-desktop.exe"
if (-not (Test-Path $Exe)) { throw "The bundle was not built: $Exe is missing." }

# 4. Self-test of the bundled program, offscreen (exit code 0 = passed)
if (-not $SkipSmoke) {
    Write-Host "==> Self-test: bscp-desktop.exe --smoke"
    $env:QT_QPA_PLATFORM = "offscreen"
    try {
        $proc = Start-Process -FilePath $Exe -ArgumentList "--smoke" -Wait -PassThru -NoNewWindow
    } finally {
        Remove-Item Env:\QT_QPA_PLATFORM -ErrorAction SilentlyContinue
    }
    if ($proc.ExitCode -ne 0) {
        throw "The bundled program failed its self-test (exit code $($proc.ExitCode)). Run dist\bscp-desktop\bscp-desktop.exe --smoke from a command prompt to see why."
    }
}

# 5. Inno Setup
if (-not $Iscc) {
    $candidates = @(
        (Get-Command iscc.exe -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Source -First 1),
        (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe")
    ) | Where-Object { $_ -and (Test-Path $_) }
    $Iscc = $candidates | Select-Object -First 1
}
if (-not $Iscc) {
    throw "Inno Setup's ISCC.exe was not found: install Inno Setup 6.3 or later (https://jrsoftware.org/isdl.php), or pass -Iscc <path to ISCC.exe>."
}
Invoke-Checked "Compiling the installer with $Iscc" {
    & $Iscc "/DAppVersion=$Version" "/DNumericVersion=$NumericVersion" (Join-Path $Repo "packaging\windows\installer.iss")
}

$Setup = Join-Path $Repo "dist\installer\bscp-desktop-$Version-setup.exe"
if (-not (Test-Path $Setup)) { throw "ISCC finished but $Setup is missing." }
$SizeMb = [math]::Round((Get-Item $Setup).Length / 1MB, 1)
Write-Host "Installer ready: $Setup ($SizeMb MB)"
