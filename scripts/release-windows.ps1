# Release build on a Windows build machine: installs, builds, signs, checks app.asar, verifies the signatures, records SHA-256 hashes.
#
#   powershell -ExecutionPolicy Bypass -File scripts\release-windows.ps1
#
# Needs: Node.js 20.19+, the Visual Studio Build Tools (C++) for the native modules, the Windows
# SDK (signtool.exe), network access to npm and Electron's downloads (electron-builder also fetches
# NSIS and WiX). Signing comes from this machine's environment, never from the repository: one of
#   MADOGUCHI_SIGN_CERT_SHA1       thumbprint of a code-signing certificate in the Windows store
#   MADOGUCHI_SIGN_CERT_SUBJECT    or its subject name (e.g. on an EV token)
#   MADOGUCHI_SIGN_AZURE_ENDPOINT, MADOGUCHI_SIGN_AZURE_ACCOUNT, MADOGUCHI_SIGN_AZURE_PROFILE and
#   MADOGUCHI_SIGN_PUBLISHER       Azure Trusted Signing; it signs in with AZURE_TENANT_ID,
#                                  AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (Microsoft Entra ID)
#   WIN_CSC_LINK, WIN_CSC_KEY_PASSWORD  a .pfx file, read by electron-builder itself
# optionally MADOGUCHI_SIGN_TIMESTAMP_URL (RFC 3161) and MADOGUCHI_SIGN_PUBLISHER. Without any,
# the build stops; MADOGUCHI_UNSIGNED=1 makes a test build that must never be deployed.
#Requires -Version 5.1
param(
  # electron-builder's output folder (directories.output in electron-builder.yml).
  [string]$OutDir = 'release'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Set-Location (Split-Path -Parent $PSScriptRoot)

function Invoke-Native([string]$What, [scriptblock]$Command) {
  Write-Host "== $What"
  & $Command
  if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)" }
}

function Find-SignTool {
  $onPath = Get-Command signtool.exe -ErrorAction SilentlyContinue
  if ($onPath) { return $onPath.Source }
  $kits = Join-Path ${env:ProgramFiles(x86)} 'Windows Kits\10\bin'
  $found = Get-ChildItem $kits -Recurse -Filter signtool.exe -ErrorAction SilentlyContinue |
    Where-Object { $_.FullName -match '\\x64\\' } | Sort-Object FullName | Select-Object -Last 1
  if (-not $found) { throw 'signtool.exe not found: install the Windows SDK (Signing Tools)' }
  return $found.FullName
}

if (Test-Path $OutDir) { Remove-Item -Recurse -Force $OutDir }
New-Item -ItemType Directory -Force '.tmp' | Out-Null

# The locked dependencies, with Electron's binary for this machine. npm install rather than npm ci,
# as in .ci/run: pcsc-mini's prebuilt binaries are optional dependencies the lock does not hold
# for every platform, and npm ci refuses such a lock as out of sync.
Invoke-Native 'npm install' { npm install --no-audit --no-fund }

# The signing configuration for this build, made from the environment (it extends
# electron-builder.yml); it stops here when no way to sign is set.
$signingConfig = Join-Path '.tmp' 'signing.json'
Invoke-Native 'signing configuration' { npx tsx scripts/installer/signing-config.ts $signingConfig }
$unsigned = $env:MADOGUCHI_UNSIGNED -eq '1'

# Build, rebuild sqlite3 for Electron, pack, flip the fuses, sign, make the NSIS .exe and the .msi.
Invoke-Native 'npm run build' { npm run build }
Invoke-Native 'electron-builder' {
  npx electron-builder --win --x64 --config $signingConfig --publish never
}

# The archive the installers carry, by the same rules as npm test (its own figures printed).
$asar = Join-Path $OutDir 'win-unpacked\resources\app.asar'
Invoke-Native 'dist:check' { npx tsx scripts/dist-check.ts --asar $asar }

$artefacts = @(Get-ChildItem $OutDir -File | Where-Object { $_.Extension -in '.exe', '.msi' })
if ($artefacts.Count -lt 2) { throw "expected the .exe and the .msi in $OutDir" }
$appExe = Get-ChildItem (Join-Path $OutDir 'win-unpacked') -Filter *.exe |
  Where-Object { $_.Name -notlike 'Uninstall*' }

if ($unsigned) {
  Write-Warning 'UNSIGNED TEST BUILD: never deploy these files to counters'
  Set-Content -Path (Join-Path $OutDir 'UNSIGNED-TEST-BUILD.txt') -Value 'Never deploy this build.'
} else {
  # Each installer and the app itself: a valid Authenticode signature chaining to a trusted root
  # (/pa: the default authentication policy, as Windows checks software), timestamped.
  $signtool = Find-SignTool
  foreach ($file in @($artefacts) + @($appExe)) {
    Invoke-Native "signtool verify $($file.Name)" { & $signtool verify /pa /tw /v $file.FullName }
  }
}

# SHA-256 of every artefact, in sha256sum's format, for IT's deployment records.
$sums = foreach ($file in $artefacts) {
  $hash = (Get-FileHash -Algorithm SHA256 -LiteralPath $file.FullName).Hash.ToLowerInvariant()
  "$hash  $($file.Name)"
}
$sumsFile = Join-Path $OutDir 'SHA256SUMS.txt'
# ASCII: no byte order mark, so that sha256sum -c and Get-Content read it alike.
$sums | Set-Content -Path $sumsFile -Encoding Ascii
Write-Host "== artefacts ($sumsFile)"
$sums | ForEach-Object { Write-Host "  $_" }
