#!/usr/bin/env bash
# Debian packages the tests need beyond Python: headless Chromium (web-chat browser tests), a
# CJK font (Chinese chart labels and screenshots) and an emoji font. Installs only what is missing.
set -euo pipefail
PACKAGES=(chromium fonts-noto-cjk fonts-noto-color-emoji)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "installing ${missing[*]}" >&2
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
