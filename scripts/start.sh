#!/usr/bin/env bash
# start.sh — `npm start`: run Naskah (API + worker) on this machine.
#
# - npm dependencies are installed when needed (scripts/ensure-deps.sh), apps/web's too, and the web app
#   is built when its sources changed (scripts/web.sh build); the API serves apps/web/dist.
# - DATABASE_URL and REDIS_URL both set: those servers are used (production path).
#   Otherwise a private MariaDB + Redis is started (scripts/services.sh up dev; data in .data/dev).
# - Migrations and the demo seed run, then the API and the worker start in the background.
# - Ctrl-C (INT/TERM/HUP) stops API and worker (TERM, KILL after 10 s), then the embedded services that
#   this script started itself. Data stays in .data/dev. If API or worker exits on its own,
#   everything else is stopped and the script exits non-zero.
# Environment: PORT (3000), HOST (127.0.0.1), NASKAH_LOG_DIR (.data/logs).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export PORT="${PORT:-3000}" HOST="${HOST:-127.0.0.1}"
LOG_DIR="${NASKAH_LOG_DIR:-$ROOT/.data/logs}"
SERVICES="$ROOT/scripts/services.sh"
READY_TIMEOUT=90

say() { echo "[start] $*"; }

# Address to reach the server at (a wildcard bind is reached through loopback).
case "$HOST" in
  0.0.0.0) PROBE_HOST=127.0.0.1 ;;
  ::|'[::]') PROBE_HOST='[::1]' ;;
  *:*) PROBE_HOST="[${HOST#[}"; PROBE_HOST="${PROBE_HOST%]}]" ;;  # bare IPv6 literal
  *) PROBE_HOST="$HOST" ;;
esac
BASE_URL="http://$PROBE_HOST:$PORT"

bash "$ROOT/scripts/ensure-deps.sh"
bash "$ROOT/scripts/web.sh" build

# --- MariaDB + Redis ------------------------------------------------------------------------
OURS=()   # embedded services started by this script (stopped again on exit)
EMBEDDED=0
if [[ -n "${DATABASE_URL:-}" && -n "${REDIS_URL:-}" ]]; then
  say "DATABASE_URL and REDIS_URL are set: using those servers (no embedded MariaDB/Redis)"
else
  if [[ -n "${DATABASE_URL:-}${REDIS_URL:-}" ]]; then
    say "only one of DATABASE_URL / REDIS_URL is set; ignoring it and using the embedded services"
  fi
  bash "$SERVICES" up dev
  mapfile -t OURS <"$ROOT/.data/dev/run/started-by-us"
  eval "$(bash "$SERVICES" env dev)"
  EMBEDDED=1
fi

# --- stopping ---------------------------------------------------------------------------------
API_PID=""; WORKER_PID=""; STOPPING=0

stop_children() {
  local pids=() p deadline=$((SECONDS + 10))
  for p in "$API_PID" "$WORKER_PID"; do [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null && pids+=("$p"); done
  ((${#pids[@]})) || return 0
  say "stopping API and worker (up to 10 s; further Ctrl-C is ignored) ..."
  for p in "${pids[@]}"; do kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    while kill -0 "$p" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$p" 2>/dev/null; then
      say "pid $p did not stop within 10 s; killing it"
      kill -KILL -- "-$p" 2>/dev/null || kill -KILL "$p" 2>/dev/null || true
    fi
    wait "$p" 2>/dev/null || true
  done
}

# cleanup CODE: stop everything this script started, then exit with CODE.
cleanup() {
  ((STOPPING)) && return 0
  STOPPING=1
  # Ignore further signals (inherited by the commands below too): a second Ctrl-C must not
  # interrupt the shutdown half-way. It takes at most ~10 s plus the services' shutdown.
  trap '' INT TERM HUP
  stop_children
  if ((${#OURS[@]})); then
    bash "$SERVICES" down dev "${OURS[@]}" || true
  elif ((EMBEDDED)); then
    say "embedded MariaDB/Redis were already running before; leaving them running"
  fi
  ((EMBEDDED)) && say "data kept in $ROOT/.data/dev"
  exit "$1"
}
trap 'echo; cleanup 130' INT
trap 'cleanup 143' TERM
trap 'cleanup 129' HUP   # terminal closed
fail() { echo "[start] ERROR: $*" >&2; cleanup 1; }

# --- migrations and demo data -----------------------------------------------------------------
say "running migrations ..."
node -r @swc-node/register scripts/migrate.ts || fail "migrations failed"
say "seeding demo data ..."
node -r @swc-node/register scripts/seed.ts || fail "seed failed"

# --- API and worker ---------------------------------------------------------------------------
mkdir -p "$LOG_DIR"
for f in api worker; do  # keep the previous run's logs as *.log.1
  if [[ -f "$LOG_DIR/$f.log" ]]; then mv -f "$LOG_DIR/$f.log" "$LOG_DIR/$f.log.1"; fi
done
# setsid: each child gets its own process group, so one signal stops it with all its children and
# the terminal's Ctrl-C reaches only this script, which then stops them in order.
setsid node -r @swc-node/register apps/api/src/main.ts </dev/null >"$LOG_DIR/api.log" 2>&1 &
API_PID=$!
setsid node -r @swc-node/register apps/worker/src/main.ts </dev/null >"$LOG_DIR/worker.log" 2>&1 &
WORKER_PID=$!
say "API pid $API_PID, worker pid $WORKER_PID; waiting for $BASE_URL/health/ready (up to ${READY_TIMEOUT} s)"

show_log() { echo "----- last lines of $LOG_DIR/$1.log -----" >&2; tail -n 40 "$LOG_DIR/$1.log" >&2 || true; }

# If API or worker has exited: show its log, stop the rest, exit non-zero.
check_children() {
  local name pid code
  for name in api worker; do
    [[ "$name" == api ]] && pid="$API_PID" || pid="$WORKER_PID"
    kill -0 "$pid" 2>/dev/null && continue
    code=0; wait "$pid" 2>/dev/null || code=$?
    show_log "$name"
    fail "the $name process exited (exit code $code)"
  done
}

http_status() {
  if command -v curl >/dev/null; then
    curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$1" 2>/dev/null || true
  else
    node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(3000) })
      .then((r) => console.log(r.status), () => console.log(0))' "$1"
  fi
}

deadline=$((SECONDS + READY_TIMEOUT))
until [[ "$(http_status "$BASE_URL/health/ready")" == 200 ]]; do
  check_children
  if ((SECONDS >= deadline)); then
    show_log api; show_log worker
    fail "$BASE_URL/health/ready did not answer 200 within ${READY_TIMEOUT} s"
  fi
  sleep 0.5 & wait $! || true   # `wait` lets INT/TERM traps run at once
done

cat <<EOF

==============================================================================
  Naskah sudah berjalan / Naskah is running
    Antarmuka web / Web UI      : $BASE_URL/
    Dokumentasi API / API docs  : $BASE_URL/api/docs
    Kesehatan / Health          : $BASE_URL/health/ready
    Log API / API log           : $LOG_DIR/api.log
    Log worker / Worker log     : $LOG_DIR/worker.log
EOF
if ((EMBEDDED)); then
  echo "    Data MariaDB + Redis        : $ROOT/.data/dev  (${DATABASE_URL%/*}, $REDIS_URL)"
fi
cat <<EOF
  Akun demo tercantum di atas (keluaran seed) / Demo accounts are listed above (seed output).
  Tekan Ctrl-C untuk berhenti / Press Ctrl-C to stop.
==============================================================================

EOF

# Run until a child exits (then stop the rest, non-zero) or INT/TERM arrives (trap).
code=0; done_pid=""
wait -n -p done_pid "$API_PID" "$WORKER_PID" || code=$?
if [[ "$done_pid" == "$API_PID" ]]; then name=api; else name=worker; fi
show_log "$name"
fail "the $name process exited on its own (exit code $code)"
