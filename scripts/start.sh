#!/usr/bin/env bash
# `npm start`: the whole system with demo data on this machine. Postgres and Redis are started
# (installed if missing), the schema migrated, the official unit lists imported, demo data seeded,
# then the api and the worker run until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRA_PACKAGES="$(tr '\n' ' ' < scripts/runtime-packages.txt)" bash scripts/ensure-services.sh
bash scripts/ensure-deps.sh
cli() { node dist/apps/cli/src/main.js "$@"; }
cli migrate
cli import-units
cli seed-demo

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap cleanup INT TERM EXIT
MIGRATE_ON_START=false node dist/apps/worker/src/main.js &
pids+=($!)
node dist/apps/api/src/main.js &
pids+=($!)
wait -n
