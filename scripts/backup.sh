#!/usr/bin/env bash
# Back up the portal: the PostgreSQL database (pg_dump custom format) and MEDIA_ROOT (uploaded evidence),
# with each table's row count and a SHA-256 of every file, into BACKUP_DIR/lsc-<UTC time>/.
# Backups older than BACKUP_KEEP_DAYS are removed. Meant for cron as the portal's user; see README,
# "Deployment on a Debian server". Restore with scripts/restore.sh.
#
#   DATABASE_URL=postgres://lsc@127.0.0.1:5432/lsc MEDIA_ROOT=/srv/lsc-belonging/var/uploads \
#   BACKUP_DIR=/var/backups/lsc-belonging scripts/backup.sh
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL (postgres://user@host:port/name)}"
: "${MEDIA_ROOT:?set MEDIA_ROOT (the uploaded evidence folder)}"
: "${BACKUP_DIR:?set BACKUP_DIR (where backups are written)}"
keep_days="${BACKUP_KEEP_DAYS:-35}"
here="$(cd "$(dirname "$0")" && pwd)"

umask 077  # the dump holds special-category data: readable by the portal's user only
target="$BACKUP_DIR/lsc-$(date -u +%Y%m%dT%H%M%SZ)"
partial="$target.partial"
mkdir -p "$partial"

pg_dump --format=custom --no-owner --no-privileges --file="$partial/database.dump" "$DATABASE_URL"
"$here/table_counts.sh" "$DATABASE_URL" > "$partial/table_counts.tsv"
if [ -d "$MEDIA_ROOT" ]; then
  tar --create --gzip --file="$partial/media.tar.gz" --directory="$MEDIA_ROOT" .
else
  tar --create --gzip --file="$partial/media.tar.gz" --files-from=/dev/null
fi
(cd "$partial" && sha256sum database.dump table_counts.tsv media.tar.gz > SHA256SUMS)
mv "$partial" "$target"  # only a complete backup gets its final name
echo "Backup written to $target ($(du -sh "$target" | cut -f1))"

find "$BACKUP_DIR" -maxdepth 1 -type d -name 'lsc-*' -mtime "+$keep_days" -exec rm -rf {} +
