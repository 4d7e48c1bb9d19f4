#!/usr/bin/env bash
# web.sh — the web app (apps/web: React + Ant Design, its own package.json and package-lock.json).
#
#   bash scripts/web.sh deps    # install apps/web's npm dependencies when missing or out of date
#   bash scripts/web.sh build   # deps, then build apps/web/dist when its sources changed (npm start, npm test)
#   bash scripts/web.sh dev     # deps, then Vite's dev server with hot reload (npm run dev:web), proxying
#                               # /api to the API at 127.0.0.1:$NASKAH_API_PORT (default: $PORT or 3000)
#
# Dependencies: like scripts/ensure-deps.sh for the root — npm ci into apps/web/node_modules (never the
# root's), falling back to npm install --no-save; the lockfile's checksum is kept in
# apps/web/node_modules/.naskah-lock.sha256 so an unchanged lockfile never reinstalls.
# Build: a checksum over the sources (src/, public/, index.html, vite.config.ts, tsconfig.json and the
# lockfile) is kept in apps/web/dist/.naskah-build.sha256; the build runs only when it differs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WEB="$ROOT/apps/web"
cd "$WEB"

say() { echo "[web] $*"; }
die() { echo "[web] ERROR: $*" >&2; exit 1; }

[[ -f package-lock.json ]] || die "apps/web/package-lock.json is missing; cannot do a reproducible install."
if [[ -L node_modules ]]; then die "apps/web/node_modules is a symlink; it must be apps/web's own directory"; fi

STAMP=node_modules/.naskah-lock.sha256
lock_sum() { sha256sum package-lock.json | cut -d' ' -f1; }

deps() {
  mkdir -p "$ROOT/.data"
  exec 8>"$ROOT/.data/web-deps.lock"
  flock -w 600 8 || die "timed out waiting for another web.sh"
  if [[ -f node_modules/.package-lock.json && -f "$STAMP" && "$(<"$STAMP")" == "$(lock_sum)" ]]; then
    exec 8>&-; return 0
  fi
  say "installing apps/web npm dependencies (npm ci) ..."
  if ! npm ci --prefix "$WEB" --no-audit --no-fund 8>&-; then
    say "npm ci refused the lockfile; retrying with npm install --no-save (same locked versions)"
    npm install --prefix "$WEB" --no-audit --no-fund --no-save 8>&- || die "npm install in apps/web failed (see the npm output above)"
  fi
  lock_sum >"$STAMP"
  say "apps/web npm dependencies installed"
  exec 8>&-
}

source_sum() {
  { find src public -type f -print0 | sort -z | xargs -0 sha256sum
    sha256sum index.html vite.config.ts tsconfig.json package-lock.json
  } | sha256sum | cut -d' ' -f1
}

build() {
  deps
  mkdir -p "$ROOT/.data"
  exec 7>"$ROOT/.data/web-build.lock"
  flock -w 600 7 || die "timed out waiting for another web build"
  local sum; sum="$(source_sum)"
  if [[ -f dist/index.html && -f dist/.naskah-build.sha256 && "$(<dist/.naskah-build.sha256)" == "$sum" ]]; then
    exec 7>&-; return 0
  fi
  say "building the web app (apps/web/dist) ..."
  rm -rf dist
  npx --no-install tsc -p tsconfig.json --noEmit 7>&- || die "apps/web does not typecheck (see above)"
  npx --no-install vite build --logLevel warn 7>&- || die "the web app build failed (see above)"
  echo "$sum" >dist/.naskah-build.sha256
  say "web app built"
  exec 7>&-
}

case "${1:-build}" in
  deps) deps ;;
  build) build ;;
  dev)
    deps
    export NASKAH_API_PORT="${NASKAH_API_PORT:-${PORT:-3000}}"
    say "dev server with hot reload: http://127.0.0.1:${WEB_DEV_PORT:-5173}/ (API calls go to 127.0.0.1:$NASKAH_API_PORT; start it with npm start)"
    exec npx --no-install vite --host 127.0.0.1
    ;;
  *) die "usage: web.sh deps|build|dev" ;;
esac
