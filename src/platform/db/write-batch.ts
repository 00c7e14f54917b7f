/**
 * Inserts sent together (issue 11): on PostgreSQL every statement is a round trip, and a round trip
 * costs the Node process more CPU than anything a checkout computes. A transaction opened with
 * `batchedTransaction` collects the inserts its code hands to `insertLater` (an order's lines, its
 * history, a ledger entry, outbox and log rows: rows nothing in the same transaction reads back) and
 * sends them as ONE statement just before it commits, as data-modifying CTEs:
 *
 *   with "w0" as (insert into …), "w1" as (insert into …) select 1
 *
 * All of them commit or none (one statement, in the transaction); foreign keys between them hold
 * because PostgreSQL checks them at the end of the statement. On SQLite (in-process, a statement is
 * cheap) and anywhere outside such a transaction, `insertLater` simply runs the insert at once, so
 * callers behave the same everywhere. The rules a caller keeps: only plain inserts (no `insert …
 * select` that reads a table another deferred insert writes: all of them see the statement's one
 * snapshot), nothing later in the transaction reads the row, and a failing insert fails the whole
 * transaction at commit rather than at the call.
 *
 * `writeLater` sends a conditional write whose rows the caller needs (`update … where … returning`)
 * with the same statement, and gives back its rows once it ran. Its use is to take a contended row
 * lock (the stock of a product everybody buys) as late as the transaction allows: in its last
 * statement, so the lock is held for one round trip (the COMMIT) instead of every statement after
 * it. The writes run in the order they were handed over, before the inserts (each is a CTE the final
 * SELECT reads, left to right; PostgreSQL runs the CTEs nothing reads at the end of the statement).
 * The caller hands them over, then calls `flushLater` and only then awaits them (awaiting first
 * would wait for ever), and checks the rows: a write that matched nothing is the caller's refusal,
 * thrown before the commit, which rolls back everything the statement did.
 */
import { type AliasedRawBuilder, type Compilable, type InsertQueryBuilder, sql } from 'kysely'
import { dialectOf } from './migrate.ts'
import type { Db } from './types.ts'

type AnyInsert = InsertQueryBuilder<any, any, any> & Compilable
/** An update (or insert) with `returning`, whose rows the caller reads after the flush. */
interface Returning<R> extends Compilable<R> {
  execute(): Promise<R[]>
}
interface Checked {
  query: Compilable
  settle: (rows: unknown[]) => void
  fail: (error: unknown) => void
}
interface Batch {
  inserts: AnyInsert[]
  writes: Checked[]
}

const pending = new WeakMap<Db, Batch>()

/**
 * `db.transaction().execute(work)`, with `insertLater` inside it deferred to one statement sent
 * before the commit (PostgreSQL; elsewhere a plain transaction).
 */
export function batchedTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (dialectOf(db) !== 'postgres') return db.transaction().execute(work)
  return db.transaction().execute(async (trx) => {
    const batch: Batch = { inserts: [], writes: [] }
    pending.set(trx, batch)
    try {
      const result = await work(trx)
      await flush(trx, batch)
      return result
    } finally {
      pending.delete(trx)
      for (const write of batch.writes.splice(0))
        write.fail(new Error('the transaction ended before this write was sent'))
    }
  })
}

/** Runs `insert` now, or, inside a `batchedTransaction` on PostgreSQL, with the batch before the commit. */
export async function insertLater(db: Db, insert: AnyInsert): Promise<void> {
  const batch = pending.get(db)
  if (batch) batch.inserts.push(insert)
  else await insert.execute()
}

/**
 * Runs `write` now, or, inside a `batchedTransaction` on PostgreSQL, with the batch's one statement
 * (`flushLater` or the commit); resolves with its returned rows. See the file's comment for the rules.
 */
export function writeLater<R>(db: Db, write: Returning<R>): Promise<R[]> {
  const batch = pending.get(db)
  const rows = batch
    ? new Promise<R[]>((settle, fail) => {
        batch.writes.push({ query: write, settle: settle as (rows: unknown[]) => void, fail })
      })
    : write.execute()
  rows.catch(() => {}) // awaited after the flush; a failure meanwhile is not an unhandled rejection
  return rows
}

/** Sends what `insertLater` collected so far (a read that needs those rows comes after it). */
export async function flushLater(db: Db): Promise<void> {
  const batch = pending.get(db)
  if (batch) await flush(db, batch)
}

async function flush(trx: Db, batch: Batch): Promise<void> {
  const queries = batch.inserts.splice(0)
  const writes = batch.writes.splice(0)
  if (queries.length === 0 && writes.length === 0) return
  if (queries.length === 1 && writes.length === 0) {
    await queries[0].execute()
    return
  }
  // Kysely numbers the parameters of the whole statement; each CTE keeps its query's own SQL.
  let statement: any = trx
  writes.forEach((write, i) => {
    statement = statement.with(`r${i}`, () => write.query)
  })
  queries.forEach((query, i) => {
    statement = statement.with(`w${i}`, () => query)
  })
  const columns: AliasedRawBuilder<unknown, string>[] =
    writes.length === 0
      ? [sql<number>`1`.as('one')]
      : writes.map((_, i) =>
          sql<unknown[]>`(select coalesce(json_agg(${sql.ref(`r${i}`)}), '[]') from ${sql.table(`r${i}`)})`.as(`r${i}`),
        )
  try {
    const [row] = (await (statement as Db).selectNoFrom(columns).execute()) as Record<string, unknown>[]
    writes.forEach((write, i) => {
      const value = row[`r${i}`]
      write.settle((typeof value === 'string' ? JSON.parse(value) : value) as unknown[])
    })
  } catch (error) {
    for (const write of writes) write.fail(error)
    throw error
  }
}
