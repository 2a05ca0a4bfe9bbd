#!/bin/sh
# Nightly backup of the kiosk's SQLite database (run by hall-kiosk-backup.timer).
#
# 1. `.backup` copies the live database through SQLite's online backup API: a consistent
#    snapshot even while the kiosk writes (WAL mode), unlike cp.
# 2. `PRAGMA integrity_check` on the copy must answer exactly "ok"; otherwise the copy is
#    kept as *.corrupt for a technician, the script exits 1 and systemd logs the failure.
# 3. The newest KEEP good backups are kept; older ones are removed.
#
# Usage: hall-kiosk-backup.sh [DATA_DIR] [BACKUP_DIR] [KEEP]
# Needs the sqlite3 command line shell (Debian package sqlite3).
set -eu

DATA_DIR="${1:-${KIOSK_DATA_DIR:-/var/lib/hall-kiosk}}"
BACKUP_DIR="${2:-${KIOSK_BACKUP_DIR:-$DATA_DIR/backups}}"
KEEP="${3:-${KIOSK_BACKUP_KEEP:-7}}"
DB="$DATA_DIR/kiosk.db"

log() {
  # One JSON line, like the service's own log.
  printf '{"time":"%s","event":"%s","detail":"%s"}\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" "$2"
}

case "$KEEP" in
  '' | *[!0-9]*) log backup.failed "KEEP must be a whole number, found $KEEP"; exit 2 ;;
esac
if [ ! -f "$DB" ]; then
  log backup.failed "no database at $DB"
  exit 2
fi
command -v sqlite3 >/dev/null 2>&1 || { log backup.failed "sqlite3 is not installed (apt-get install sqlite3)"; exit 2; }

umask 077
mkdir -p "$BACKUP_DIR"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
TARGET="$BACKUP_DIR/kiosk-$STAMP.db"
PARTIAL="$TARGET.partial"
rm -f "$PARTIAL"

# busy_timeout: wait for the kiosk's write transactions instead of failing at once.
if ! sqlite3 -bail "$DB" ".timeout 30000" ".backup '$PARTIAL'" >/dev/null 2>"$PARTIAL.err"; then
  log backup.failed "sqlite3 .backup failed: $(tr '\n"' '  ' <"$PARTIAL.err")"
  rm -f "$PARTIAL" "$PARTIAL.err"
  exit 1
fi
rm -f "$PARTIAL.err"

CHECK="$(sqlite3 -bail "$PARTIAL" "PRAGMA integrity_check;" 2>&1 || true)"
if [ "$CHECK" != "ok" ]; then
  mv "$PARTIAL" "$TARGET.corrupt"
  log backup.integrity-failed "$(printf '%s' "$CHECK" | head -c 300 | tr '\n"' '  ')"
  exit 1
fi
sync "$PARTIAL" 2>/dev/null || sync
mv "$PARTIAL" "$TARGET"
log backup.written "$TARGET"

# Keep the newest KEEP good backups (names sort by time).
ls -1 "$BACKUP_DIR"/kiosk-*.db 2>/dev/null | sort -r | tail -n +"$((KEEP + 1))" | while read -r old; do
  rm -f "$old"
  log backup.removed "$old"
done
