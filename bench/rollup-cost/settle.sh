#!/usr/bin/env bash
# What the reports' delivery triggers cost the engine, and what consuming their rows costs the rollup,
# on Postgres alone (docs/benchmarks.md, "Report rollup cost"). Usage:
#   TEMPLATE=<a migrated database> bash bench/rollup-cost/settle.sh off|per-row|aggregated [--rollup]
# off: the triggers disabled; per-row: the first design's triggers (migration 1795440000000);
# aggregated: the triggers as migrated. Prints the backend CPU (getrusage) of 3,125 statements that
# settle 64 SMS each (planned -> sent, chunks spread over 168 communes: the worst case for aggregation;
# CLUSTERED=1: chunks commune by commune),
# the outbox rows written and, with --rollup, the backend CPU of consuming them (node, built dist/;
# BENCH_DIST=<dist of commit 33db10d> for the per-row variant's consumer).
set -euo pipefail
cd "$(dirname "$0")"
VARIANT=$1
DB="tincoso_bench_rollup_${VARIANT//-/_}"
TEMPLATE=${TEMPLATE:?a migrated database to copy, e.g. TEMPLATE=tincoso_test_template}
P="psql -h 127.0.0.1 -U postgres -q -X -v ON_ERROR_STOP=1"
$P -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB TEMPLATE $TEMPLATE" postgres
trap '$P -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" postgres' EXIT
ORDER="d.endpoint"; [ "${CLUSTERED:-}" = 1 ] && ORDER="s.unit_id, d.endpoint"
$P -v chunk_order="$ORDER" -f settle-pattern.sql "$DB"
case $VARIANT in
  off) $P -c "ALTER TABLE delivery DISABLE TRIGGER tr_delivery_report_insert" -c "ALTER TABLE delivery DISABLE TRIGGER tr_delivery_report_update" "$DB" ;;
  per-row) $P -f per-row-triggers.sql "$DB" ;;
  aggregated) ;;
  *) echo "variant: off | per-row | aggregated" >&2; exit 2 ;;
esac
$P -c "DELETE FROM report_settlement" -c "DELETE FROM report_delivery_count" -c "DELETE FROM report_reach_change" -c "VACUUM ANALYZE" "$DB"
$P "$DB" <<'SQL' 2>&1 | grep -E "settle:|s user, .* elapsed$|ERROR|settlements|^ *[0-9]"
SET client_min_messages = log;
SET log_statement_stats = on;
CALL bench_settle();
SET log_statement_stats = off;
SET client_min_messages = warning;
SELECT (SELECT count(*) FROM report_settlement) AS settlements, (SELECT count(*) FROM report_delivery_count) AS counts,
       (SELECT count(*) FROM report_reach_change) AS reach;
SQL
if [ "${2:-}" = --rollup ]; then node rollup-cpu.mjs "postgres://postgres@127.0.0.1:5432/$DB"; fi
