/**
 * Kysely migrations, one ordered set for both dialects. Each module keeps its migrations in its own
 * `migrations.ts`; src/migrations.ts lists them all. Names sort in run order (`0100_accounts_init`).
 */
import { setTimeout as delay } from 'node:timers/promises'
import { type Kysely, PostgresAdapter } from 'kysely'
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
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  })
  let { error, results } = await migrator.migrateToLatest()
  // Kysely's introspection reads every schema of the database by name; when another process drops a
  // schema meanwhile (test schemas), PostgreSQL answers 3F000 before any migration ran. Try again.
  for (let attempt = 1; attempt < 5 && isSchemaGone(error) && !results?.some((r) => r.status === 'Error'); attempt++) {
    await delay(20 * attempt)
    ;({ error, results } = await migrator.migrateToLatest())
  }
  const failed = results?.find((result) => result.status === 'Error')
  if (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: error })
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}

function isSchemaGone(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === '3F000'
}
