#!/usr/bin/env bash
# Builds the web app into web/dist (`make build`): `npm ci` from the committed lockfile when it
# changed since the last install, then Vite. `snag serve` serves web/dist beside the API.
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v npm >/dev/null; then
  echo "build-web: npm is missing; the web app needs Node.js 20.19 or later with npm" >&2
  exit 1
fi
# Vite 8 needs Node.js 20.19 or later.
if ! node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)'; then
  echo "build-web: Node.js $(node --version) is too old; Vite needs Node.js 20.19 or later" >&2
  exit 1
fi
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
