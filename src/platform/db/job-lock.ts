/**
 * One runner at a time for a background job that several nodes run (the report rollups): the job's
 * transaction holds the row of `job_lock` named after it. PostgreSQL takes it with
 * `for update skip locked`, so a node that finds it held skips this round instead of queueing; the
 * lock ends with the transaction, also when the process holding it dies (no lease to expire). SQLite
 * has one writer at a time anyway (a plain read of the row, inside the write transaction).
 */
import { setTimeout as delay } from 'node:timers/promises'
import { type Kysely, sql } from 'kysely'
import { dialectOf, type Migrations } from './migrate.ts'
import type { Db } from './types.ts'

export interface JobLockTable {
  name: string
  /** When a runner last held it (epoch ms), for operators. */
  held_at: number
}

export const jobLockMigrations: Migrations = {
  '0410_job_lock': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('job_lock')
        .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('held_at', 'bigint', (c) => c.notNull())
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('job_lock').execute()
    },
  },
}

/** Per database handle, the lock rows known to exist. */
const lockRows = new WeakMap<Db, Set<string>>()

/**
 * Runs `work` in a transaction that holds the lock `name`; answers `{ ran: false }` without running
 * it when another transaction holds the lock (PostgreSQL). Everything `work` writes commits or rolls
 * back with the lock.
 */
export async function withJobLock<T>(
  db: Db,
  name: string,
  work: (trx: Db) => Promise<T>,
  now: number = Date.now(),
): Promise<{ ran: true; value: T } | { ran: false }> {
  // Insert the row only when missing: on PostgreSQL an `insert … on conflict do nothing` that meets the
  // row while a runner holds it (updated, uncommitted) waits for that runner to commit, so a caller
  // meant to skip (or to poll with a bound) would queue behind it instead.
  // Rows are never deleted: once seen, a lock's row is not looked for again by this process.
  const seen = lockRows.get(db) ?? new Set<string>()
  lockRows.set(db, seen)
  const exists =
    seen.has(name) ||
    (await db.selectFrom('job_lock').select('name').where('name', '=', name).executeTakeFirst()) !== undefined
  if (!exists) {
    await db
      .insertInto('job_lock')
      .values({ name, held_at: 0 })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute()
  }
  seen.add(name)
  const postgres = dialectOf(db) === 'postgres'
  return db.transaction().execute(async (trx) => {
    if (postgres) {
      const held = await sql<{ name: string }>`select name from job_lock where name = ${name} for update skip locked`
        .execute(trx)
        .then((r) => r.rows.length === 0)
      if (held) return { ran: false as const }
    }
    // On SQLite this write comes first, so the transaction is the writer from its first statement.
    await trx.updateTable('job_lock').set({ held_at: now }).where('name', '=', name).execute()
    return { ran: true as const, value: await work(trx) }
  })
}

/**
 * Runs a job's batches (`foldBatch`, one transaction under its lock each) until a batch comes back
 * short. When another runner holds the lock: stops at once (`waitMs` 0, a background job: that runner
 * does the work), or else retries with a growing pause (5 ms doubling to 100 ms) until `stillPending`
 * says the rows the caller needs were folded, by either runner, or `waitMs` have passed. A report uses
 * this so it sees every change committed before it, also while a background run or a parallel report
 * holds the lock. Returns the rows this caller folded.
 */
export async function drainQueue(job: {
  foldBatch: () => Promise<{ ran: true; value: number } | { ran: false }>
  batch: number
  waitMs: number
  stillPending: () => Promise<boolean>
  onBusy?: () => void
}): Promise<number> {
  const deadline = Date.now() + job.waitMs
  let total = 0
  for (let attempt = 0; ; ) {
    const result = await job.foldBatch()
    if (result.ran) {
      total += result.value
      if (result.value < job.batch) return total
      continue
    }
    job.onBusy?.()
    if (job.waitMs <= 0 || Date.now() >= deadline || !(await job.stillPending())) return total
    await delay(Math.min(5 * 2 ** attempt++, 100, Math.max(0, deadline - Date.now())))
  }
}

/** How long a report waits for another node's (or this node's background) catch-up to commit. */
export const REPORT_WAIT_MS = 2000

export interface CatchUpOptions {
  /** Rows per transaction (one transaction stays short: SQLite has one writer). */
  batch?: number
  /**
   * Wait up to this long (ms) for another runner holding the job lock, until every row pending when
   * the call began is folded (a report's read-your-writes). 0 (the background job): skip instead.
   */
  waitMs?: number
  /** Test hook: runs inside the transaction after the rollups were written, before it commits. */
  beforeCommit?: () => void | Promise<void>
  /** Test hook: another runner holds the lock. */
  onBusy?: () => void
}

/** A queue of pending rows that a rollup job folds: what `catchUpQueue` needs of its store. */
export interface PendingQueue<P extends { id: string }> {
  /** The job lock's name. */
  lock: string
  /** Default rows per transaction. */
  batch: number
  lastPendingId: (db: Db) => Promise<string | undefined>
  hasPendingUpTo: (db: Db, id: string) => Promise<boolean>
  claim: (trx: Db, limit: number) => Promise<P[]>
  /** Folds the claimed rows into the rollups (in the lock's transaction). */
  fold: (trx: Db, rows: P[]) => Promise<void>
  clear: (trx: Db, ids: readonly string[]) => Promise<void>
}

/**
 * Folds every pending row of `queue`, a batch per transaction under its job lock: claim, fold, delete
 * the claimed rows, commit; so a row is counted once (a crash before the commit leaves it pending).
 * Nothing queued: no lock and no write (the common case for a report). When another runner holds the
 * lock, `drainQueue` decides: skip at once, or with `waitMs` wait until the rows pending at the start
 * were folded by either runner. Returns how many rows this call folded.
 */
export async function catchUpQueue<P extends { id: string }>(
  db: Db,
  queue: PendingQueue<P>,
  options: CatchUpOptions = {},
): Promise<number> {
  const batch = options.batch ?? queue.batch
  const mark = await queue.lastPendingId(db)
  if (mark === undefined) return 0
  return drainQueue({
    foldBatch: () =>
      withJobLock(db, queue.lock, async (trx) => {
        const rows = await queue.claim(trx, batch)
        if (rows.length > 0) await queue.fold(trx, rows)
        await options.beforeCommit?.()
        if (rows.length > 0) {
          await queue.clear(
            trx,
            rows.map((row) => row.id),
          )
        }
        return rows.length
      }),
    batch,
    waitMs: options.waitMs ?? 0,
    onBusy: options.onBusy,
    stillPending: () => queue.hasPendingUpTo(db, mark),
  })
}
