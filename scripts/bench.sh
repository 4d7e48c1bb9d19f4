#!/usr/bin/env bash
# bench.sh — `npm run bench`: run bench/run.ts against the private dev MariaDB + Redis.
#
#   npm run bench                 # extra arguments go to bench/run.ts: npm run bench -- --help
#
# Uses the dev profile's servers (scripts/services.sh up dev: MariaDB 127.0.0.1:33306, Redis
# 127.0.0.1:36379), but its own database `naskah_bench`, so the dev data in `naskah` is untouched.
# The servers are left running afterwards (stop them with: scripts/services.sh down dev).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SERVICES="$ROOT/scripts/services.sh"

bash "$ROOT/scripts/ensure-deps.sh"
bash "$SERVICES" up dev
eval "$(bash "$SERVICES" env dev)"   # DATABASE_URL (…/naskah) and REDIS_URL

# Same server, separate database for the benchmark.
DB_SERVER_URL="${DATABASE_URL%/*}"                 # mysql://root@127.0.0.1:PORT
DB_PORT="${DB_SERVER_URL##*:}"
mariadb --no-defaults -h127.0.0.1 -P"$DB_PORT" -uroot -e \
  'CREATE DATABASE IF NOT EXISTS naskah_bench CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'
export DATABASE_URL="$DB_SERVER_URL/naskah_bench"
echo "[bench] DATABASE_URL=$DATABASE_URL REDIS_URL=$REDIS_URL"

exec node -r @swc-node/register bench/run.ts "$@"
