#!/usr/bin/env bash
# test.sh — `npm test`: every Jest suite against a private MariaDB + Redis (test profile).
#
#   npm test                      # all suites
#   npm test -- libs/core         # extra arguments go to jest
#
# Test services: MariaDB 127.0.0.1:33307, Redis 127.0.0.1:36380 (scripts/services.sh, profile
# test). They are left running for the next run unless NASKAH_TEST_STOP_SERVICES=1, which stops
# the ones this run started (never a server that was already running before).
# Jest's usual report goes to the terminal; a JSON summary goes to .data/test/jest-results.json.
# Exits with jest's exit code.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SERVICES="$ROOT/scripts/services.sh"
RESULTS=.data/test/jest-results.json

bash "$ROOT/scripts/ensure-deps.sh"

bash "$SERVICES" up test
mapfile -t OURS <"$ROOT/.data/test/run/started-by-us"
eval "$(bash "$SERVICES" env test)"   # TEST_DATABASE_SERVER_URL, TEST_REDIS_URL
export NODE_ENV=test

# A stale summary from an earlier run must never be mistaken for this run's.
rm -f "$RESULTS"

code=0
# A full run (no arguments) type-checks first: swc compiles the tests without checking types, so a
# wrong type would otherwise pass unnoticed. A type error fails the run; the suites still run.
if (($# == 0)); then
  echo "[test] type-checking (tsc --noEmit) ..."
  npx tsc -p tsconfig.json --noEmit || { echo "[test] ERROR: type check failed (see above)" >&2; code=1; }
fi
npx jest --ci --json --outputFile="$RESULTS" "$@" || code=$?

if [[ "${NASKAH_TEST_STOP_SERVICES:-0}" == 1 ]]; then
  if ((${#OURS[@]})); then
    bash "$SERVICES" down test "${OURS[@]}" || true
  else
    echo "[test] test services were already running before this run; leaving them running"
  fi
fi

exit "$code"
