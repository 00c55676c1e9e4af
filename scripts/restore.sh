#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY PostgreSQL database and an empty MEDIA_ROOT,
# then check it: the files' SHA-256 sums before, every table's row count after (the run fails on any
# difference). Stop the portal (gunicorn) first; create the database with `createdb -O lsc lsc`.
#
#   DATABASE_URL=postgres://lsc@127.0.0.1:5432/lsc MEDIA_ROOT=/srv/lsc-belonging/var/uploads \
#   scripts/restore.sh /var/backups/lsc-belonging/lsc-20261203T020000Z
set -euo pipefail
backup="${1:?usage: restore.sh BACKUP_FOLDER}"
: "${DATABASE_URL:?set DATABASE_URL (the empty database to restore into)}"
: "${MEDIA_ROOT:?set MEDIA_ROOT (the folder to restore uploaded evidence into)}"
here="$(cd "$(dirname "$0")" && pwd)"

(cd "$backup" && sha256sum --check --quiet SHA256SUMS) || { echo "Backup files damaged: not restored" >&2; exit 1; }
tables="$(psql "$DATABASE_URL" -X -At -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
if [ "$tables" != "0" ]; then
  echo "The database already has $tables tables: restore only into an empty database" >&2
  exit 1
fi
if [ -d "$MEDIA_ROOT" ] && [ -n "$(ls -A "$MEDIA_ROOT")" ]; then
  echo "$MEDIA_ROOT is not empty: restore only into an empty folder" >&2
  exit 1
fi

pg_restore --exit-on-error --no-owner --no-privileges --dbname="$DATABASE_URL" "$backup/database.dump"
mkdir -p "$MEDIA_ROOT"
tar --extract --gzip --file="$backup/media.tar.gz" --directory="$MEDIA_ROOT"

if ! diff <("$here/table_counts.sh" "$DATABASE_URL") "$backup/table_counts.tsv"; then
  echo "Row counts differ from the backup's (above): the restore is not complete" >&2
  exit 1
fi
echo "Restored $(wc -l < "$backup/table_counts.tsv") tables with the backup's row counts, and $(tar -tzf "$backup/media.tar.gz" | grep -vc '/$') media files, from $backup"
