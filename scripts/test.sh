#!/usr/bin/env bash
# The one test command (`npm test`): services, dependencies, build, type check, entities against
# migrations, then every test (unit, integration against the real Postgres and Redis, end-to-end over
# HTTP and in a browser).
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRA_PACKAGES="$(cat scripts/runtime-packages.txt scripts/test-packages.txt | tr '\n' ' ')" bash scripts/ensure-services.sh
bash scripts/ensure-deps.sh
echo "[typecheck] tsc --noEmit -p tsconfig.json"
npx tsc --noEmit -p tsconfig.json
echo "[typecheck] tsc -p apps/console/tsconfig.json"
npx tsc -p apps/console/tsconfig.json
mkdir -p var
status=0
# A disagreement fails the run, but the tests still run and report.
bash scripts/check-migrations.sh || status=1
node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js \
  --json --outputFile=var/jest-results.json "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync("var/jest-results.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  if (r.numTotalTests === 0) { console.log("no test ran"); process.exitCode = 1; }
' || status=1
exit $status
