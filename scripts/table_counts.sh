#!/usr/bin/env bash
# Print "table<TAB>rows" for every table of the portal's PostgreSQL database, sorted by name: what a
# backup records and what a restore must reproduce (scripts/backup.sh, scripts/restore.sh).
set -euo pipefail
psql "${1:?usage: table_counts.sh DATABASE_URL}" -X -q -At -F $'\t' -v ON_ERROR_STOP=1 <<'SQL'
SELECT format('SELECT %L, count(*) FROM %I.%I', tablename, schemaname, tablename)
FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename
\gexec
SQL
