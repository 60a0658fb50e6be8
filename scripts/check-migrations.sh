#!/usr/bin/env bash
# Entities and migrations agree: a scratch database is migrated from nothing, then TypeORM compares
# the entities with it (`migration:generate --check`). Any SQL it would generate fails the step and is
# printed: write (or correct) the migration, or the entity. Needs the build (dist/) and the test
# Postgres (TEST_DATABASE_SERVER_URL, trust auth as in scripts/ensure-services.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
SERVER="${TEST_DATABASE_SERVER_URL:-postgres://postgres@127.0.0.1:5432}"
DB="tincoso_migration_check_$$"
DATA_SOURCE=dist/libs/persistence/src/typeorm-cli.data-source.js
[ -f "$DATA_SOURCE" ] || { echo "[migrations] $DATA_SOURCE is missing: build first (npm run build)" >&2; exit 2; }

admin() {
  node --input-type=module -e '
    import pg from "pg";
    const client = new pg.Client({ connectionString: `${process.argv[1]}/postgres` });
    await client.connect();
    try { await client.query(process.argv[2]); } finally { await client.end(); }
  ' "$SERVER" "$1"
}

admin "CREATE DATABASE \"$DB\""
trap 'admin "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)"' EXIT

echo "[migrations] every migration on an empty database"
node --input-type=module -e '
  import "reflect-metadata";
  import { createDataSource, runMigrations } from "./dist/libs/persistence/src/index.js";
  const dataSource = await createDataSource(process.argv[1]).initialize();
  try { console.log(`[migrations] ${(await runMigrations(dataSource)).length} applied`); } finally { await dataSource.destroy(); }
' "$SERVER/$DB"

echo "[migrations] entities against the migrated schema (typeorm migration:generate --check)"
# --check exits 1 and prints the migration it would write when the entities ask for any change.
DATABASE_URL="$SERVER/$DB" npx typeorm migration:generate --check --pretty \
  -d "$DATA_SOURCE" libs/persistence/src/migrations/EntitiesAheadOfMigrations
