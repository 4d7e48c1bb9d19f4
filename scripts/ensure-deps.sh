#!/usr/bin/env bash
# ensure-deps.sh — check Node.js and install npm dependencies only when they are out of date.
#
# Installs (npm ci) when node_modules/.package-lock.json is missing or older than package-lock.json.
# After a successful install the lockfile's checksum is kept in node_modules/.naskah-lock.sha256, so
# a lockfile that merely got a newer timestamp (git checkout, touch) does not trigger a reinstall.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { echo "[deps] $*"; }
die() { echo "[deps] ERROR: $*" >&2; exit 1; }

# --- Node.js >= 20.19 (package.json "engines") -------------------------------------------------
command -v node >/dev/null || die "Node.js is not installed. Naskah needs Node.js 20.19 or newer (with npm)."
command -v npm >/dev/null || die "npm is not installed. Naskah needs Node.js 20.19 or newer with npm."
if ! node -e '
  const [maj, min] = process.versions.node.split(".").map(Number);
  process.exit(maj > 20 || (maj === 20 && min >= 19) ? 0 : 1);'; then
  die "Node.js $(node -v) is too old. Naskah needs Node.js 20.19 or newer (20.x LTS from 20.19, or 22+)."
fi

# --- npm dependencies ---------------------------------------------------------------------------
[[ -f package-lock.json ]] || die "package-lock.json is missing in $ROOT; cannot do a reproducible install."

HIDDEN=node_modules/.package-lock.json
STAMP=node_modules/.naskah-lock.sha256
lock_sum() { sha256sum package-lock.json | cut -d' ' -f1; }

needs_install() {
  [[ -f "$HIDDEN" ]] || return 0                     # never installed (fresh clone)
  [[ package-lock.json -nt "$HIDDEN" ]] || return 1  # install is newer than the lockfile
  # Lockfile is newer: reinstall unless we installed exactly this lockfile before.
  [[ -f "$STAMP" && "$(<"$STAMP")" == "$(lock_sum)" ]] && return 1
  return 0
}

# Serialise concurrent callers (npm start and npm test at once would both run npm ci).
mkdir -p .data
exec 9>.data/ensure-deps.lock
flock -w 600 9 || die "timed out waiting for another ensure-deps.sh"

if needs_install; then
  say "installing npm dependencies (npm ci) ..."
  # npm 11 may warn that install scripts were not run; our native modules (argon2, @swc/core)
  # ship prebuilt binaries, so those warnings are harmless. Only npm's exit code matters.
  # 9>&- keeps the lock descriptor away from anything npm leaves running.
  if ! npm ci --no-audit --no-fund 9>&-; then
    # The registry reachable here has no packages for other platforms (darwin, win32, ...), so
    # package-lock.json lacks their optional entries and npm ci refuses it as "out of sync" even
    # though everything this machine needs is locked. npm install honours the same locked
    # versions; --no-save leaves package-lock.json untouched.
    say "npm ci refused the lockfile; retrying with npm install --no-save (same locked versions)"
    npm install --no-audit --no-fund --no-save 9>&- || die "npm install failed (see the npm output above)"
  fi
  lock_sum >"$STAMP"
  say "npm dependencies installed"
fi
