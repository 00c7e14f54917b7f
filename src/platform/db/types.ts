/**
 * The one Database type. The platform declares only its own tables here; every module's tables are
 * added above the modules, in `src/database.ts`, which merges them into this interface (TypeScript
 * declaration merging), so the platform floor imports no module. Conventions (docs/ARCHITECTURE.md):
 * - ids are text (`newId('prod')`), timestamps are integer epoch milliseconds (UTC),
 * - money is an integer in minor units beside a `currency` column, booleans are integers 0/1,
 * - JSON documents are text columns holding JSON.
 */
import type { Kysely } from 'kysely'
import type { IdempotencyKeyTable } from '../http/idempotency.ts'
import type { ChangeVersionTable } from './change-signal.ts'
import type { JobLockTable } from './job-lock.ts'
import type { AppMetaTable } from './migrations.ts'

/** The platform's tables; `src/database.ts` adds every module's. */
export interface Database {
  app_meta: AppMetaTable
  change_version: ChangeVersionTable
  job_lock: JobLockTable
  idempotency_key: IdempotencyKeyTable
}

/** A Kysely handle: the app's database or a transaction inside it (a Transaction is a Kysely). */
export type Db = Kysely<Database>

export type Dialect = 'sqlite' | 'postgres'
