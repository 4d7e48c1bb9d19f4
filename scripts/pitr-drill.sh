#!/usr/bin/env bash
# Point-in-time recovery drill on a throw-away MariaDB (docs/deployment.md, "Backup and point-in-time recovery").
# Starts a private server with the durable settings of the guide (binlog ROW, GTID, sync_binlog=1,
# innodb_flush_log_at_trx_commit=1), takes a consistent dump, writes more, makes an "accident"
# (DELETE without WHERE), then restores the dump on a second private server and replays the binlog
# up to the last event before the accident. Prints PASS when the restored table is exactly the
# rows written before the accident. Usage: scripts/pitr-drill.sh [port] (default 33591; uses port+1 too).
set -euo pipefail
PORT=${1:-33591}
PORT2=$((PORT + 1))
PORT3=$((PORT + 2))
DIR=$(pwd)/.data/pitr-drill
rm -rf "$DIR"; mkdir -p "$DIR"
SQL() { mariadb --no-defaults -h127.0.0.1 -P"$1" -uroot "${@:2}"; }

start() { # dir port server-id
  mariadb-install-db --no-defaults --user=root --datadir="$1/mysql" --auth-root-authentication-method=normal --skip-test-db >/dev/null
  mariadbd --no-defaults --user=root --datadir="$1/mysql" --socket="$1/mariadb.sock" --port="$2" --bind-address=127.0.0.1 \
    --pid-file="$1/mariadb.pid" --log-error="$1/mariadb.log" --server-id="$3" \
    --log-bin="$1/binlog/mariadb-bin" --binlog-format=ROW --sync-binlog=1 --innodb-flush-log-at-trx-commit=1 \
    --gtid-strict-mode=1 --log-slave-updates=1 --expire-logs-days=14 &
  mkdir -p "$1/binlog"
  for _ in $(seq 1 100); do SQL "$2" -e 'SELECT 1' >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "server on $2 did not start"; tail "$1/mariadb.log"; exit 1
}
stop() { mariadb-admin --no-defaults -h127.0.0.1 -P"$1" -uroot shutdown || true; }
trap 'stop $PORT; stop $PORT2; stop $PORT3' EXIT
mkdir -p "$DIR/a/binlog" "$DIR/b/binlog"
start "$DIR/a" "$PORT" 1

SQL "$PORT" -e "CREATE DATABASE naskah; CREATE TABLE naskah.letters (id INT PRIMARY KEY, subject VARCHAR(100)) ENGINE=InnoDB;
  INSERT INTO naskah.letters VALUES (1,'sebelum backup 1'),(2,'sebelum backup 2');"

# 1. The nightly full backup: consistent snapshot, with the binlog file/position and GTID it corresponds to.
mariadb-dump --no-defaults -h127.0.0.1 -P"$PORT" -uroot --single-transaction --master-data=2 --gtid --routines --triggers --events \
  --databases naskah > "$DIR/full.sql"
grep -m1 -E "CHANGE MASTER TO MASTER_LOG_FILE" "$DIR/full.sql"
# 1b. The same point as a physical backup (mariadb-backup, when installed): a hot copy of the data files.
if command -v mariadb-backup >/dev/null; then
  mariadb-backup --no-defaults --backup --host=127.0.0.1 --port="$PORT" --user=root --target-dir="$DIR/physical" >"$DIR/backup.log" 2>&1
  mariadb-backup --no-defaults --prepare --target-dir="$DIR/physical" >>"$DIR/backup.log" 2>&1
  echo "mariadb-backup binlog position: $(cat "$DIR/physical/xtrabackup_binlog_info")"
fi

# 2. Work after the backup, then the accident, then more work.
SQL "$PORT" -e "INSERT INTO naskah.letters VALUES (3,'setelah backup 3'); INSERT INTO naskah.letters VALUES (4,'setelah backup 4');"
SQL "$PORT" -e "DELETE FROM naskah.letters;"    # the accident
SQL "$PORT" -e "INSERT INTO naskah.letters VALUES (9,'setelah kecelakaan');"
SQL "$PORT" -e "FLUSH BINARY LOGS;"

# 3. Find the accident in the binlog: the GTID of the DELETE's transaction (ROW events decoded with -v).
FILE=$(sed -nE "s/.*MASTER_LOG_FILE='([^']+)'.*/\1/p" "$DIR/full.sql" | head -1)
POS=$(sed -nE "s/.*MASTER_LOG_POS=([0-9]+).*/\1/p" "$DIR/full.sql" | head -1)
BINLOGS=$(ls "$DIR/a/binlog"/mariadb-bin.[0-9]* | sort)
mariadb-binlog --no-defaults -v --base64-output=DECODE-ROWS $BINLOGS > "$DIR/binlog.txt"
ACCIDENT_POS=$(awk '/^# at /{at=$3} /^### DELETE FROM `naskah`.`letters`/{print last_gtid_at; exit} /GTID [0-9]+-[0-9]+-[0-9]+/{last_gtid_at=at}' "$DIR/binlog.txt")
echo "backup at $FILE:$POS; the accident's transaction starts at position $ACCIDENT_POS"

# 4. Restore on a fresh server: the dump, then the binlog from the dump's position up to (not including) the accident.
start "$DIR/b" "$PORT2" 2
# (sql_log_bin=0: the restored server does not re-log the replayed transactions under the old GTIDs, which
# gtid_strict_mode would refuse; take a new full backup of the restored server once it serves.)
{ echo 'SET SESSION sql_log_bin=0;'; cat "$DIR/full.sql"; } | SQL "$PORT2"
{ echo 'SET SESSION sql_log_bin=0;'; mariadb-binlog --no-defaults --start-position="$POS" --stop-position="$ACCIDENT_POS" "$DIR/a/binlog/$FILE"; } | SQL "$PORT2"
GOT=$(SQL "$PORT2" -N -e "SELECT GROUP_CONCAT(id ORDER BY id) FROM naskah.letters")
echo "restored rows: $GOT (expected 1,2,3,4)"
[ "$GOT" = "1,2,3,4" ] || { echo FAIL; exit 1; }
echo "PASS (logical: mariadb-dump + binlog replay)"

# 5. The same from the physical backup: start a server on the prepared copy, replay from its binlog position.
if [ -d "$DIR/physical" ]; then
  read -r PFILE PPOS _ < "$DIR/physical/xtrabackup_binlog_info"
  mkdir -p "$DIR/c/binlog"; mv "$DIR/physical" "$DIR/c/mysql"
  mariadbd --no-defaults --user=root --datadir="$DIR/c/mysql" --socket="$DIR/c/mariadb.sock" --port="$PORT3" --bind-address=127.0.0.1 \
    --pid-file="$DIR/c/mariadb.pid" --log-error="$DIR/c/mariadb.log" --server-id=3 --log-bin="$DIR/c/binlog/mariadb-bin" --binlog-format=ROW &
  for _ in $(seq 1 100); do SQL "$PORT3" -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done
  { echo 'SET SESSION sql_log_bin=0;'; mariadb-binlog --no-defaults --start-position="$PPOS" --stop-position="$ACCIDENT_POS" "$DIR/a/binlog/$PFILE"; } | SQL "$PORT3"
  GOT=$(SQL "$PORT3" -N -e "SELECT GROUP_CONCAT(id ORDER BY id) FROM naskah.letters")
  echo "restored rows (physical): $GOT (expected 1,2,3,4)"
  [ "$GOT" = "1,2,3,4" ] || { echo FAIL; exit 1; }
  echo "PASS (physical: mariadb-backup --backup/--prepare + binlog replay)"
fi
