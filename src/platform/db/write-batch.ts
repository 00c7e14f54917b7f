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
 *
 * The statement is assembled from each part's compiled SQL (parameters renumbered), once per shape
 * (the parts' SQL): building a Kysely `with` chain and compiling it again on every batch cost more
 * than the round trip it saves. So a part's SQL holds `$n` only as its parameters (no `$` in a literal
 * or identifier; checked). A write may also be a `fixedQuery(…).compiled(db, values)` (fixed-query.ts).
 */
import { type Compilable, CompiledQuery, type Insertable, type InsertQueryBuilder, type Kysely } from 'kysely'
import { insertRowsSql } from './bulk.ts'
import { dialectOf } from './migrate.ts'
import type { Db } from './types.ts'

type AnyInsert = InsertQueryBuilder<any, any, any> & Compilable
/** What the batch sends: a Kysely insert, or the statement `insertRowsLater` wrote. */
interface Statement {
  compile(): CompiledQuery
  execute(): Promise<unknown>
}
type Tables = Db extends Kysely<infer D> ? D : never
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
  inserts: Statement[]
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
 * `insertLater(db, db.insertInto(table).values(rows))` without Kysely: the hot inserts of a checkout
 * (order, lines, history, payment, ledger, event, outbox rows) cost more to build and compile through
 * Kysely's query tree than to send. The statement is written from the rows' columns once per table,
 * columns, row count and dialect, and then only takes values. Rows must have the same columns and no
 * `undefined` value (left out by Kysely, so it would pick another shape); such rows go through Kysely.
 */
export async function insertRowsLater<T extends keyof Tables & string>(
  db: Db,
  table: T,
  rows: Insertable<Tables[T]> | readonly Insertable<Tables[T]>[],
): Promise<void> {
  const list = (Array.isArray(rows) ? rows : [rows]) as readonly Record<string, unknown>[]
  if (list.length === 0) return
  const columns = Object.keys(list[0])
  const parameters: unknown[] = []
  for (const row of list) {
    const keys = Object.keys(row)
    if (keys.length !== columns.length) return insertLater(db, db.insertInto(table).values(list as never))
    for (let i = 0; i < columns.length; i++) {
      const value = row[columns[i]]
      const expression = typeof value === 'object' && value !== null && 'toOperationNode' in value
      if (keys[i] !== columns[i] || value === undefined || expression) {
        return insertLater(db, db.insertInto(table).values(list as never))
      }
      parameters.push(value)
    }
  }
  const query = CompiledQuery.raw(insertRowsSql(dialectOf(db), table, columns, list.length), parameters)
  const statement: Statement = { compile: () => query, execute: () => db.executeQuery(query) }
  const batch = pending.get(db)
  if (batch) batch.inserts.push(statement)
  else await statement.execute()
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
  const parts = [...writes.map((w) => w.query.compile()), ...queries.map((q) => q.compile())]
  const parameters = parts.flatMap((part) => part.parameters)
  try {
    const { rows } = await trx.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(combined(parts, writes.length), parameters),
    )
    writes.forEach((write, i) => {
      const value = rows[0][`r${i}`]
      write.settle((typeof value === 'string' ? JSON.parse(value) : value) as unknown[])
    })
  } catch (error) {
    for (const write of writes) write.fail(error)
    throw error
  }
}

/** Statements already combined, by the SQL of their parts: a checkout's batches have a few shapes. */
const shapes = new Map<string, string>()
const MAX_SHAPES = 1000

/**
 * One statement of the parts, the writes first: `with "r0" as (…), "w0" as (…) select …`. Each part's
 * SQL is Kysely's own, its parameters renumbered after the ones before it; the result is kept by shape,
 * so a statement is assembled once and each later batch of that shape only compiles its parts.
 */
function combined(parts: readonly CompiledQuery[], writeCount: number): string {
  const key = parts.map((part) => part.sql).join('\u0000')
  const known = shapes.get(key)
  if (known !== undefined) return known
  let offset = 0
  const ctes = parts.map((part, i) => {
    const name = i < writeCount ? `r${i}` : `w${i - writeCount}`
    const count = part.parameters.length
    const shifted = part.sql.replace(/\$(\d+)/g, (_, n: string) => {
      if (Number(n) > count) throw new Error(`write-batch: parameter $${n} of ${count} in ${part.sql}`)
      return `$${Number(n) + offset}`
    })
    offset += count
    return `"${name}" as (${shifted})`
  })
  const columns =
    writeCount === 0
      ? ['1 as "one"']
      : Array.from(
          { length: writeCount },
          (_, i) => `(select coalesce(json_agg("r${i}"), '[]') from "r${i}") as "r${i}"`,
        )
  const statement = `with ${ctes.join(', ')} select ${columns.join(', ')}`
  if (shapes.size >= MAX_SHAPES) shapes.clear()
  shapes.set(key, statement)
  return statement
}
