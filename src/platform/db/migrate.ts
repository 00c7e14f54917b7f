/**
 * Kysely migrations, one ordered set for both dialects. Each module keeps its migrations in its own
 * `migrations.ts`; src/migrations.ts lists them all. Names sort in run order (`0100_accounts_init`).
 */
import { type DatabaseIntrospector, type Kysely, PostgresAdapter, sql } from 'kysely'
import { type Migration, Migrator } from 'kysely/migration'
import type { Dialect } from './types.ts'

export type Migrations = Record<string, Migration>

/** Which dialect a migration runs on, for the few statements that differ (full-text search). */
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}

export interface MigrationReport {
  applied: string[]
}

/** Brings the database to the latest migration. Throws with the failing migration's name. */
export async function migrateToLatest(
  db: Kysely<any>,
  migrations: Migrations,
  schema?: string,
): Promise<MigrationReport> {
  // On PostgreSQL with a schema, name it: Kysely otherwise looks for its bookkeeping tables in every schema.
  const migrator = new Migrator({
    db: schema && dialectOf(db) === 'postgres' ? withSchemaIntrospection(db, schema) : db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
    // Names sort by module (catalog 02xx before checkout 03xx), so a module's new migration sorts
    // before migrations other modules have already applied; it still runs. Within a module the order holds.
    allowUnorderedMigrations: true,
  })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((result) => result.status === 'Error')
  if (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: error })
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}

/**
 * Kysely's Migrator looks for its own tables by introspecting every table in every schema, with
 * name-resolving functions (`pg_get_serial_sequence`). On a PostgreSQL server where other schemas are
 * dropped meanwhile (parallel test runs, several tenants), that query fails with "relation … does
 * not exist" for a table it saw a moment before. Given a schema, look only there, by catalog names.
 */
function withSchemaIntrospection(db: Kysely<any>, schema: string): Kysely<any> {
  const introspection: DatabaseIntrospector = {
    getSchemas: () => db.introspection.getSchemas(),
    async getTables() {
      const { rows } = await sql<{ name: string }>`
        select c.relname as name from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind in ('r', 'p')`.execute(db)
      return rows.map((row) => ({ name: row.name, schema, isView: false, isForeign: false, columns: [] }))
    },
  }
  // Everything else is the real instance (bound, since Kysely keeps its state in private fields).
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection
      const value = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
