#!/usr/bin/env bash
# test.sh — `npm test`: every Jest suite against a private MariaDB + Redis (test profile).
#
#   npm test                      # all Jest suites, then the browser suite (Playwright)
#   npm test -- libs/core         # extra arguments go to jest (the browser suite is skipped)
#   npm run test:web              # only the browser suite (= npm test -- --web-only)
#   npm run test:web -- tests/journey.pw.ts --grep sign   # extra arguments go to playwright test
#
# The browser suite (apps/web/tests/*.pw.ts) drives Debian's Chromium (/usr/bin/chromium, installed
# with apt-get when missing) against scripts/web-test-server.ts on 127.0.0.1:$NASKAH_WEB_TEST_PORT
# (default: the test MariaDB port - 30000). Its summary goes to .data/test/playwright-results.json,
# screenshots to .data/test/screenshots. NASKAH_TEST_WEB=0 skips it, NASKAH_TEST_WEB=1 runs it even
# with jest arguments.
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

WEB_ONLY=0
if [[ "${1:-}" == --web-only ]]; then WEB_ONLY=1; shift; fi
RUN_WEB="${NASKAH_TEST_WEB:-}"
if [[ -z "$RUN_WEB" ]]; then if (($# == 0)) || ((WEB_ONLY)); then RUN_WEB=1; else RUN_WEB=0; fi; fi
WEB_RESULTS=.data/test/playwright-results.json
rm -f "$WEB_RESULTS"
# the API under test serves apps/web/dist (built only when its sources changed); test/web checks the
# generated client with apps/web's openapi-typescript
bash "$ROOT/scripts/web.sh" build
if ((RUN_WEB)); then
  if [[ ! -x /usr/bin/chromium ]]; then
    echo "[test] installing Debian's chromium for the browser suite (apt-get) ..."
    if ! { command -v apt-get >/dev/null && { [[ $(id -u) == 0 ]] && apt-get install -y chromium || sudo -n apt-get install -y chromium; }; }; then
      echo "[test] ERROR: /usr/bin/chromium is missing and could not be installed; install it with 'apt-get install -y chromium' (or run with NASKAH_TEST_WEB=0)" >&2
      exit 1
    fi
  fi
fi

# PDF checks in the suites use poppler-utils (pdftotext, pdfsig, pdffonts, pdftoppm): tools that did
# not make the PDFs. Installed from Debian's packages when missing.
if ! command -v pdfsig >/dev/null || ! command -v pdftotext >/dev/null; then
  echo "[test] installing poppler-utils (pdftotext, pdfsig) with apt-get ..."
  if ! { command -v apt-get >/dev/null && { [[ $(id -u) == 0 ]] && { apt-get install -y --no-install-recommends poppler-utils || { apt-get update && apt-get install -y --no-install-recommends poppler-utils; }; } || sudo -n apt-get install -y --no-install-recommends poppler-utils; }; }; then
    echo "[test] ERROR: poppler-utils (pdftotext, pdfsig) is missing and could not be installed; install it with 'apt-get install -y poppler-utils'" >&2
    exit 1
  fi
fi

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
if ((WEB_ONLY)); then
  echo '{"numPassedTests":0,"numFailedTests":0,"numRuntimeErrorTestSuites":0,"note":"jest skipped (--web-only)"}' >"$RESULTS"
else
  npx jest --ci --json --outputFile="$RESULTS" "$@" || code=$?
fi

if ((RUN_WEB)); then
  # own port per test MariaDB, so engineers running side by side never share it
  DBPORT="${TEST_DATABASE_SERVER_URL##*:}"; DBPORT="${DBPORT%%/*}"
  export NASKAH_WEB_TEST_PORT="${NASKAH_WEB_TEST_PORT:-$((DBPORT > 30000 ? DBPORT - 30000 : 3590))}"
  echo "[test] browser suite (Playwright, /usr/bin/chromium) on 127.0.0.1:$NASKAH_WEB_TEST_PORT ..."
  PW_ARGS=()
  if ((WEB_ONLY)); then PW_ARGS=("$@"); fi   # with --web-only the extra arguments are Playwright's
  (cd apps/web && npx --no-install playwright test "${PW_ARGS[@]}") || code=$((code == 0 ? 1 : code))
  # a run that died before reporting must still count as a failure in the CI summary
  [[ -f "$WEB_RESULTS" ]] || echo '{"stats":{"expected":0,"unexpected":0},"errors":[{"message":"the browser suite did not report"}]}' >"$WEB_RESULTS"
fi

if [[ "${NASKAH_TEST_STOP_SERVICES:-0}" == 1 ]]; then
  if ((${#OURS[@]})); then
    bash "$SERVICES" down test "${OURS[@]}" || true
  else
    echo "[test] test services were already running before this run; leaving them running"
  fi
fi

exit "$code"
