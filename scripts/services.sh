#!/usr/bin/env bash
# services.sh — private MariaDB + Redis for Naskah, one pair per profile, no system services used.
#
#   scripts/services.sh up|down|status|env dev|test
#   scripts/services.sh down dev mariadb        # stop only the named services (mariadb, redis)
#   source scripts/services.sh up dev           # start, then export the URLs into your shell
#   (sourced with no arguments it only defines the function naskah_services)
#
# Profiles (ports can be overridden with NASKAH_DB_PORT / NASKAH_REDIS_PORT):
#   dev   MariaDB 127.0.0.1:33306, Redis 127.0.0.1:36379, data kept in .data/dev (Redis AOF on);
#         durable: innodb_flush_log_at_trx_commit=1 (a commit is on disk before it is acknowledged)
#   test  MariaDB 127.0.0.1:33307, Redis 127.0.0.1:36380, data in .data/test (Redis keeps nothing);
#         innodb_flush_log_at_trx_commit=0: throw-away data, speed over durability
# Pid, log and socket files are in .data/<profile>/run/. `up` writes run/started-by-us with the
# services (mariadb, redis; one per line) that this very call started, so callers stop only those.
# `status` exits 0 when both services answer, 3 otherwise.

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  # Sourced: never change the caller's shell options; run the real work in a child bash.
  _naskah_services_sh="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/services.sh"
  naskah_services() { bash "$_naskah_services_sh" "$@"; }
  if [[ "${1:-}" == up || "${1:-}" == env ]] && [[ -n "${2:-}" ]]; then
    { [[ "$1" == env ]] || naskah_services up "$2"; } && eval "$(naskah_services env "$2")"
  elif (($#)); then
    naskah_services "$@"
  fi
  return
fi

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"   # mariadbd lives in /usr/sbin

usage() { echo "usage: $0 up|down|status|env dev|test [mariadb|redis ...]" >&2; exit 2; }
CMD="${1:-}"; PROFILE="${2:-}"
[[ $# -ge 2 ]] || usage
shift 2
case "$PROFILE" in
  dev)  DB_PORT="${NASKAH_DB_PORT:-33306}"; REDIS_PORT="${NASKAH_REDIS_PORT:-36379}" ;;
  test) DB_PORT="${NASKAH_DB_PORT:-33307}"; REDIS_PORT="${NASKAH_REDIS_PORT:-36380}" ;;
  *) usage ;;
esac

DATA="$ROOT/.data/$PROFILE"; RUN="$DATA/run"
DATADIR="$DATA/mysql"; REDIS_DIR="$DATA/redis"
DB_PID="$RUN/mariadb.pid"; DB_LOG="$RUN/mariadb.log"; DB_SOCK="$RUN/mariadb.sock"
REDIS_PID="$RUN/redis.pid"; REDIS_LOG="$RUN/redis.log"
# A unix socket path must stay under ~107 bytes; deep checkouts get one in /tmp instead.
if ((${#DB_SOCK} > 100)); then DB_SOCK="/tmp/naskah-$(printf %s "$DATA" | md5sum | cut -c1-8)-mariadb.sock"; fi

say() { echo "[services:$PROFILE] $*"; }
die() { echo "[services:$PROFILE] ERROR: $*" >&2; exit 1; }

db_admin() { mariadb-admin --no-defaults -h127.0.0.1 -P"$DB_PORT" -uroot --connect-timeout=2 "$@"; }
db_sql()   { mariadb --no-defaults -h127.0.0.1 -P"$DB_PORT" -uroot --connect-timeout=2 -e "$1"; }
db_alive() { db_admin ping >/dev/null 2>&1; }
db_login() { db_sql 'SELECT 1' >/dev/null 2>&1; }   # root, empty password, over TCP
redis_alive() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }
port_open() { (: <>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# alive PID: the process exists and is not a zombie.
alive() { [[ -r "/proc/$1/status" ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
# our_pid PIDFILE MARK: print the pid if it is alive and its command line contains MARK.
our_pid() {
  local pid
  [[ -s "$1" ]] || return 1
  pid="$(<"$1")"
  [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" && grep -qaF -- "$2" "/proc/$pid/cmdline" && echo "$pid"
}
db_mine()    { our_pid "$DB_PID" "$DATADIR"; }
redis_mine() { our_pid "$REDIS_PID" "redis-server"; }

# wait_until SECONDS CHECK PID LOG NAME: poll CHECK until it succeeds; fail if PID dies or time's up.
wait_until() {
  local deadline=$((SECONDS + $1)) why
  until "$2"; do
    why=""
    [[ -n "$3" ]] && ! alive "$3" && why="exited during start-up"
    ((SECONDS < deadline)) || why="did not answer on 127.0.0.1 within $1 s"
    if [[ -n "$why" ]]; then
      echo "--- last lines of $4 ---" >&2; tail -n 25 "$4" >&2 || true
      [[ -n "$3" ]] && kill "$3" 2>/dev/null || true
      die "$5 $why (log: $4)"
    fi
    sleep 0.1
  done
}

# Install the servers from Debian's packages when missing (root or passwordless sudo only).
ensure_installed() {
  local pkgs=() b
  for b in mariadbd mariadb-install-db mariadb-admin mariadb; do
    command -v "$b" >/dev/null || { pkgs+=(mariadb-server); break; }; done
  for b in redis-server redis-cli; do command -v "$b" >/dev/null || { pkgs+=(redis-server); break; }; done
  ((${#pkgs[@]})) || return 0
  local sudo=()
  if ((EUID != 0)); then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo); else
      die "missing ${pkgs[*]}. Install them first, e.g.:
    sudo apt-get install -y --no-install-recommends ${pkgs[*]}"
    fi
  fi
  say "installing ${pkgs[*]} with apt-get (the packages' own services are not used)"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mariadb-server redis-server
  for b in mariadbd mariadb-install-db mariadb-admin mariadb redis-server redis-cli; do
    command -v "$b" >/dev/null || die "$b still not found after installing ${pkgs[*]}"
  done
}

# Start MariaDB unless a usable one already answers; adds "mariadb" to $started if we start it.
# (No return-code signalling: a function used as an `if` condition would run without set -e.)
start_mariadb() {
  # Durability. dev (what `npm start` runs, where users keep real letters): every commit is on
  # disk before it is acknowledged (innodb_flush_log_at_trx_commit=1), so an OS crash or power
  # loss cannot take a signed letter or its number back; sync_binlog=1 makes that hold for the
  # binary log too should someone turn one on (it is off here: --skip-log-bin). The benchmark
  # (scripts/bench.sh) uses this same server, so it measures the durable setting users run; each
  # result file prints the setting it ran with. test: 0 (flush about once a second, no fsync per
  # commit) — its databases are dropped and rebuilt on every run, so a crash loses nothing of
  # value, and the suites run faster.
  local pid flush=1 sync_binlog=1
  [[ "$PROFILE" == test ]] && { flush=0; sync_binlog=0; }
  if pid="$(db_mine)"; then
    wait_until 30 db_alive "$pid" "$DB_LOG" MariaDB
    # A server started by an older services.sh may still run with a laxer setting: align it
    # (both variables are dynamic; the command line sets them at the next start).
    db_sql "SET GLOBAL innodb_flush_log_at_trx_commit = $flush, GLOBAL sync_binlog = $sync_binlog"
    say "MariaDB already running (pid $pid, 127.0.0.1:$DB_PORT), reusing it"; return 0
  fi
  if port_open "$DB_PORT"; then
    db_login || die "port $DB_PORT is taken by something that is not a usable MariaDB; set NASKAH_DB_PORT"
    say "MariaDB on 127.0.0.1:$DB_PORT was not started from this checkout; reusing it"; return 0
  fi
  if [[ ! -d "$DATADIR/mysql" ]]; then
    say "initialising MariaDB data directory $DATADIR (first run)"
    rm -rf "$DATADIR" "$DATADIR.tmp"; mkdir -p "$DATADIR.tmp"
    mariadb-install-db --no-defaults --user=root --datadir="$DATADIR.tmp" \
      --auth-root-authentication-method=normal --skip-test-db >"$RUN/mariadb-install.log" 2>&1 \
      || { tail -n 25 "$RUN/mariadb-install.log" >&2; die "mariadb-install-db failed (log: $RUN/mariadb-install.log)"; }
    mv "$DATADIR.tmp" "$DATADIR"   # only a complete datadir gets the real name
  fi
  rm -f "$DB_PID"
  # Its own temporary directory: internal temporary tables never live in the machine's shared /tmp,
  # where another program's clean-up removed one under a running query ("Error on delete of
  # '/tmp/#sql-temptable-…MAI'", seen in a bench run on 2026-12-04).
  mkdir -p "$DATA/tmp"
  # setsid + nohup: own session, so Ctrl-C in the caller's terminal does not reach it.
  # 9>&- : do not hand our lock file descriptor to the server.
  setsid nohup mariadbd --no-defaults --user=root --datadir="$DATADIR" --socket="$DB_SOCK" \
    --port="$DB_PORT" --bind-address=127.0.0.1 --skip-log-bin --pid-file="$DB_PID" \
    --log-error="$DB_LOG" --tmpdir="$DATA/tmp" --innodb-buffer-pool-size=1G --max-connections=600 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-flush-log-at-trx-commit="$flush" --sync-binlog="$sync_binlog" </dev/null >>"$DB_LOG" 2>&1 9>&- &
  pid=$!
  wait_until 30 db_alive "$pid" "$DB_LOG" MariaDB
  db_login || die "MariaDB answers but root@127.0.0.1 with an empty password is refused (log: $DB_LOG)"
  started+=(mariadb)
  say "started MariaDB (pid $pid, 127.0.0.1:$DB_PORT, data $DATADIR)"
}

# Start Redis unless one already answers; adds "redis" to $started if we start it.
start_redis() {
  local pid
  if pid="$(redis_mine)" && redis_alive; then
    say "Redis already running (pid $pid, 127.0.0.1:$REDIS_PORT), reusing it"; return 0
  fi
  if port_open "$REDIS_PORT"; then
    redis_alive || die "port $REDIS_PORT is taken by something that is not Redis; set NASKAH_REDIS_PORT"
    say "Redis on 127.0.0.1:$REDIS_PORT was not started from this checkout; reusing it"; return 0
  fi
  local persist=(--appendonly yes)
  [[ "$PROFILE" == test ]] && persist=(--appendonly no --save '')
  mkdir -p "$REDIS_DIR"; rm -f "$REDIS_PID"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$REDIS_DIR" --daemonize yes \
    --pidfile "$REDIS_PID" --logfile "$REDIS_LOG" --maxmemory-policy noeviction "${persist[@]}" \
    </dev/null 9>&- || die "redis-server refused to start (log: $REDIS_LOG)"
  wait_until 30 redis_alive "" "$REDIS_LOG" Redis
  started+=(redis)
  say "started Redis (pid $(cat "$REDIS_PID" 2>/dev/null || echo '?'), 127.0.0.1:$REDIS_PORT, dir $REDIS_DIR)"
}

# Per-service lookups, so that stop and status treat both services alike.
svc_label() { if [[ "$1" == mariadb ]]; then echo MariaDB; else echo Redis; fi; }
svc_port()  { if [[ "$1" == mariadb ]]; then echo "$DB_PORT"; else echo "$REDIS_PORT"; fi; }
svc_mine()  { if [[ "$1" == mariadb ]]; then db_mine; else redis_mine; fi; }
svc_alive() { if [[ "$1" == mariadb ]]; then db_alive; else redis_alive; fi; }

# stop_service NAME: shut down our own server and wait for the process to exit.
stop_service() {
  local pid label port; label="$(svc_label "$1")"; port="$(svc_port "$1")"
  if ! pid="$(svc_mine "$1")"; then
    if port_open "$port"; then say "$label on port $port is not from this checkout; leaving it"
    else say "$label not running"; fi
    return 0
  fi
  if [[ "$1" == mariadb ]]; then
    db_admin shutdown >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
  else  # test Redis keeps nothing; dev Redis writes its data on the way out
    local how=(); [[ "$PROFILE" == test ]] && how=(nosave)
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown "${how[@]}" >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
  fi
  local deadline=$((SECONDS + 60))
  while alive "$pid"; do
    ((SECONDS < deadline)) || die "$label (pid $pid) still running 60 s after shutdown"
    sleep 0.1
  done
  say "stopped $1 (pid $pid)"
}

lock() {  # serialise up/down for one profile
  mkdir -p "$RUN"
  exec 9>"$RUN/lock"
  flock -w 120 9 || die "another services.sh is busy with profile $PROFILE"
}

case "$CMD" in
  up)
    lock; ensure_installed
    started=()
    start_mariadb
    if [[ "$PROFILE" == dev ]]; then
      db_sql 'CREATE DATABASE IF NOT EXISTS naskah CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'
    fi
    start_redis
    printf '%s\n' "${started[@]}" | sed '/^$/d' >"$RUN/started-by-us"
    say "ready: mysql://root@127.0.0.1:$DB_PORT redis://127.0.0.1:$REDIS_PORT (started by this call: ${started[*]:-none})"
    ;;
  down)
    lock
    services=("$@"); ((${#services[@]})) || services=(mariadb redis)
    for s in "${services[@]}"; do
      [[ "$s" == mariadb || "$s" == redis ]] || die "unknown service '$s' (mariadb, redis)"
      stop_service "$s"
    done
    ;;
  status)
    rc=0
    for s in mariadb redis; do
      label="$(svc_label "$s")"; port="$(svc_port "$s")"
      if pid="$(svc_mine "$s")" && svc_alive "$s"; then say "$label running (pid $pid, 127.0.0.1:$port)"
      elif svc_alive "$s"; then say "$label answering on 127.0.0.1:$port (not started from this checkout)"
      else say "$label stopped (port $port)"; rc=3; fi
    done
    say "data: $DATA"
    exit "$rc"
    ;;
  env)
    if [[ "$PROFILE" == dev ]]; then
      echo "export DATABASE_URL=mysql://root@127.0.0.1:$DB_PORT/naskah"
      echo "export REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
    else
      echo "export TEST_DATABASE_SERVER_URL=mysql://root@127.0.0.1:$DB_PORT"
      echo "export TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
    fi
    ;;
  *) usage ;;
esac
