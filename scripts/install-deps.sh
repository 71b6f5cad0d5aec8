#!/usr/bin/env bash
# Installs every Debian package that Snag's build, tests and benchmarks need.
# Idempotent: when everything is present it only runs dpkg-query and exits.
set -euo pipefail

packages=(
  g++ cmake ninja-build make pkg-config ccache git ca-certificates
  libboost-dev libsqlite3-dev sqlite3 libpq-dev postgresql-15
  nlohmann-json3-dev libyaml-cpp-dev libspdlog-dev libfmt-dev libcli11-dev libexpected-dev
  libssl-dev zlib1g-dev libsodium-dev libhowardhinnant-date-dev tzdata libcurl4-openssl-dev
  libcairo2-dev fonts-dejavu-core poppler-utils
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  python3 python3-aiosmtpd curl wrk procps
  nodejs chromium fonts-liberation
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)
  [[ "$status" == ii* ]] || missing+=("$package")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
if [[ $(id -u) -ne 0 ]]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
