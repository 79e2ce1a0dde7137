#!/usr/bin/env bash
# Debian packages the tests need: Chromium for e2e, pcscd + the vpcd driver for the PC/SC path,
# OpenSC as the standard middleware that must read the simulated card, CJK fonts for screenshots
# and printed documents (DejaVu: a font without kanji, which the documents must refuse),
# poppler-utils to read the printed PDFs back in tests, iproute2 (ip) to bring up the loopback of
# the network namespace each parallel integration run has its own pcscd and vpcd port in,
# PostgreSQL 15 for the office-database backend (its tests start their own server), and two
# public-domain face photos for the face-similarity tests (astronaut.png from python3-skimage,
# messi5.jpg from opencv-doc), which stay outside the repository, and a Devanagari font for
# the resident window's Nepali in screenshots.
set -euo pipefail

PACKAGES=(
  chromium
  pcscd
  libpcsclite1
  vsmartcard-vpcd
  opensc
  pcsc-tools
  fonts-noto-cjk
  fonts-dejavu-core
  libopenjp2-tools
  poppler-utils
  iproute2
  postgresql
  python3-skimage
  opencv-doc
  fonts-lohit-deva
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "system packages: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
