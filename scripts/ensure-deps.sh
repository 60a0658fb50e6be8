#!/usr/bin/env bash
# Installs node_modules from the lockfile when they are missing or older than the lockfile, then builds
# the back end (tsc) and the console (Vite).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "[build] tsc -p tsconfig.build.json"
npx tsc -p tsconfig.build.json
echo "[build] console (vite)"
npx vite build --config apps/console/vite.config.ts --logLevel warn
