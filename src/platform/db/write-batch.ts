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
 */
import { type Compilable, type InsertQueryBuilder, sql } from 'kysely'
import { dialectOf } from './migrate.ts'
import type { Db } from './types.ts'

type AnyInsert = InsertQueryBuilder<any, any, any> & Compilable

const pending = new WeakMap<Db, AnyInsert[]>()

/**
 * `db.transaction().execute(work)`, with `insertLater` inside it deferred to one statement sent
 * before the commit (PostgreSQL; elsewhere a plain transaction).
 */
export function batchedTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (dialectOf(db) !== 'postgres') return db.transaction().execute(work)
  return db.transaction().execute(async (trx) => {
    const batch: AnyInsert[] = []
    pending.set(trx, batch)
    try {
      const result = await work(trx)
      await flush(trx, batch)
      return result
    } finally {
      pending.delete(trx)
    }
  })
}

/** Runs `insert` now, or, inside a `batchedTransaction` on PostgreSQL, with the batch before the commit. */
export async function insertLater(db: Db, insert: AnyInsert): Promise<void> {
  const batch = pending.get(db)
  if (batch) batch.push(insert)
  else await insert.execute()
}

/** Sends what `insertLater` collected so far (a read that needs those rows comes after it). */
export async function flushLater(db: Db): Promise<void> {
  const batch = pending.get(db)
  if (batch) await flush(db, batch)
}

async function flush(trx: Db, batch: AnyInsert[]): Promise<void> {
  const queries = batch.splice(0)
  if (queries.length === 0) return
  if (queries.length === 1) {
    await queries[0].execute()
    return
  }
  // Kysely numbers the parameters of the whole statement; each CTE keeps its insert's own SQL.
  let statement: any = trx
  queries.forEach((query, i) => {
    statement = statement.with(`w${i}`, () => query)
  })
  await (statement as Db).selectNoFrom(sql<number>`1`.as('one')).execute()
}
