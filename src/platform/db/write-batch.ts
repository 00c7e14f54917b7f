/**
 * Writes sent together (issue 11): on PostgreSQL every statement is a round trip, and a round trip
 * costs the Node process more CPU than anything a checkout computes. A transaction opened with
 * `batchedTransaction` collects the inserts its code hands to `insertLater` (an order's lines, its
 * history, a ledger entry, outbox and log rows: rows nothing in the same transaction reads back) and
 * sends them as ONE statement (at `flushLater`, or when the work ends), as data-modifying CTEs:
 *
 *   with "w0" as (insert into …), "w1" as (insert into …) select 1
 *
 * All of them commit or none (one statement); foreign keys between them hold because PostgreSQL checks
 * them at the end of the statement. On SQLite (in-process, a statement is cheap) and anywhere outside
 * such a transaction, `insertLater` simply runs the insert at once, so callers behave the same
 * everywhere. The rules a caller keeps: only plain inserts (no `insert … select` that reads a table
 * another deferred insert writes: all of them see the statement's one snapshot), nothing later in the
 * transaction reads the row, and a failing insert fails the whole step at the flush rather than at the
 * call.
 *
 * `writeLater` sends a conditional write whose rows the caller needs (`update … where … returning`)
 * with the same statement, and gives back its rows once it ran. Its use is to take a contended row
 * lock (the stock of a product everybody buys) as late as the transaction allows: in its last
 * statement, so the lock is held for that statement (and the COMMIT, if any) only. The writes run in
 * the order they were handed over, before the inserts (each is a CTE the final SELECT reads, left to
 * right; PostgreSQL runs the CTEs nothing reads at the end of the statement). The caller hands them
 * over, then calls `flushLater` and only then awaits them (awaiting first would wait for ever), and
 * checks the rows: a write that matched nothing is the caller's refusal, which it throws.
 *
 * A write handed over with `{ mustMatch: true }` is also checked by the statement itself: when it
 * matched nothing, the final SELECT calls `backroom_refuse` (a PL/pgSQL function of this file's
 * migration), which fails the statement with SQLSTATE RB001 after every write ran, the rows of all of
 * them in its DETAIL. So the statement writes nothing, and each write still resolves with the rows it
 * returned (the refused one with none): the caller's own check throws its refusal as it always did.
 * After a refusal the work must throw (returning normally is an error), and what it reads meanwhile
 * (the stock left, for the problem) runs outside any transaction: one that was open was rolled back.
 *
 * That check is what lets a step go without BEGIN and COMMIT (PostgreSQL). `batchedTransaction` runs
 * on a connection whose BEGIN is lazy (pg-lazy-begin.ts): plain reads run outside the transaction, and
 * BEGIN goes just before the first statement that is not one (a direct write, a locking read). A
 * batch flushed last (`flushLater(trx, { last: true })`, or at the end of the work) before any BEGIN,
 * whose writes are all `mustMatch`, is sent alone, without BEGIN: one statement is atomic by itself,
 * and every refusal of its writes fails it, so nothing a caller would have thrown for before the
 * COMMIT can have committed. Any other flush is a write like any other (BEGIN before it, if none was
 * sent). A write after a batch sent alone begins a transaction of its own (committed when the work
 * ends): the batch is already committed, so the work must not throw for it afterwards. A step whose work wrote directly (the discount's redemption) began at that write, and
 * its batch and COMMIT go as before. A checkout's reserve (reads, then the batch) and settle (a read,
 * then the batch) so send no BEGIN and no COMMIT. On a PostgreSQL connection that is not lazy
 * (a Kysely of another dialect object), it is a plain transaction and the callers' checks stay theirs.
 *
 * The statement is assembled from each part's compiled SQL (parameters renumbered), once per shape
 * (the parts' SQL): building a Kysely `with` chain and compiling it again on every batch cost more
 * than the round trip it saves. So a part's SQL holds `$n` only as its parameters (no `$` in a literal
 * or identifier; checked). A write may also be a `fixedQuery(…).compiled(db, values)` (fixed-query.ts).
 */
import { type Compilable, CompiledQuery, type Insertable, type InsertQueryBuilder, type Kysely, sql } from 'kysely'
import { insertRowsSql } from './bulk.ts'
import { dialectOf, type Migrations } from './migrate.ts'
import { LazyBeginConnection } from './pg-lazy-begin.ts'
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
  mustMatch: boolean
  settle: (rows: unknown[]) => void
  fail: (error: unknown) => void
}
interface Batch {
  inserts: Statement[]
  writes: Checked[]
  /** The connection whose BEGIN is lazy; undefined: a plain transaction, whose checks are the callers'. */
  lazy: LazyBeginConnection | undefined
  /** A `mustMatch` write matched nothing: the statement failed, and the work must throw. */
  refused: boolean
}

/** The SQLSTATE `backroom_refuse` raises: a `mustMatch` write of the batch matched nothing. */
export const REFUSED = 'RB001'

/** The statement's check (PostgreSQL): fails it, with every write's rows (JSON) as its DETAIL. */
export const writeBatchMigrations: Migrations = {
  '0002_write_batch_refuse': {
    async up(db: Kysely<any>) {
      if (dialectOf(db) !== 'postgres') return
      // Volatile (the default), so that the planner never calls it ahead of the CASE that guards it.
      await sql`create or replace function backroom_refuse(rows_json text) returns text
        language plpgsql volatile as $$
        begin
          raise exception using errcode = 'RB001', detail = rows_json,
            message = 'write-batch: a write that must match matched nothing';
        end $$`.execute(db)
    },
    async down(db: Kysely<any>) {
      if (dialectOf(db) === 'postgres') await sql`drop function if exists backroom_refuse(text)`.execute(db)
    },
  },
}

const pending = new WeakMap<Db, Batch>()

/**
 * `db.transaction().execute(work)`, with `insertLater` and `writeLater` inside it deferred to one
 * statement (PostgreSQL, whose BEGIN is lazy: see the file's comment; elsewhere a plain transaction).
 */
export function batchedTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (dialectOf(db) !== 'postgres') return db.transaction().execute(work)
  return db.connection().execute(async (connection) => {
    const lazy = await connection
      .getExecutor()
      .provideConnection(async (c) => (c instanceof LazyBeginConnection ? c : undefined))
    lazy?.deferNextBegin()
    return connection.transaction().execute(async (trx) => {
      const batch: Batch = { inserts: [], writes: [], lazy, refused: false }
      pending.set(trx, batch)
      try {
        const result = await work(trx)
        await flush(trx, batch, true)
        if (batch.refused) throw new Error('write-batch: the work went on after its batch was refused')
        return result
      } finally {
        pending.delete(trx)
        for (const write of batch.writes.splice(0))
          write.fail(new Error('the transaction ended before this write was sent'))
      }
    })
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
    const keys = row === list[0] ? columns : Object.keys(row)
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
  const query = CompiledQuery.raw(insertSql(dialectOf(db), table, columns, list.length), parameters)
  const statement: Statement = { compile: () => query, execute: () => db.executeQuery(query) }
  const batch = pending.get(db)
  if (batch) batch.inserts.push(statement)
  else await statement.execute()
}

/** Per table, the last insert's shape and text: a table's hot insert has one shape (no key to build). */
const lastInsert = new Map<string, { dialect: string; columns: readonly string[]; count: number; text: string }>()

/** `insertRowsSql`, looked up first in the table's last shape. */
function insertSql(dialect: string, table: string, columns: readonly string[], count: number): string {
  const last = lastInsert.get(table)
  if (last && last.dialect === dialect && last.count === count && last.columns.length === columns.length) {
    let same = true
    for (let i = 0; i < columns.length && same; i++) same = last.columns[i] === columns[i]
    if (same) return last.text
  }
  const text = insertRowsSql(dialect, table, columns, count)
  lastInsert.set(table, { dialect, columns, count, text })
  return text
}

/**
 * Runs `write` now, or, inside a `batchedTransaction` on PostgreSQL, with the batch's one statement
 * (`flushLater` or the end of the work); resolves with its returned rows. `mustMatch`: the statement
 * fails (writes nothing) when this write matched nothing; it still resolves, with no rows, and the
 * caller throws its refusal as it would anyway. See the file's comment for the rules.
 */
export function writeLater<R>(db: Db, write: Returning<R>, options: { mustMatch?: boolean } = {}): Promise<R[]> {
  const batch = pending.get(db)
  const mustMatch = options.mustMatch === true
  const rows = batch
    ? new Promise<R[]>((settle, fail) => {
        batch.writes.push({ query: write, mustMatch, settle: settle as (rows: unknown[]) => void, fail })
      })
    : write.execute()
  rows.catch(() => {}) // awaited after the flush; a failure meanwhile is not an unhandled rejection
  return rows
}

/**
 * Sends what `insertLater` and `writeLater` collected so far (a read that needs those rows comes after
 * it). `last`: the work refuses nothing after it but a `mustMatch` write's refusal (the rest only reads,
 * or announces what it wrote), so on PostgreSQL, when nothing before it wrote and every write in it is
 * `mustMatch`, it is sent alone, without BEGIN, and commits (see the file's comment).
 */
export async function flushLater(db: Db, options: { last?: boolean } = {}): Promise<void> {
  const batch = pending.get(db)
  if (batch) await flush(db, batch, options.last === true)
}

async function flush(trx: Db, batch: Batch, last: boolean): Promise<void> {
  const queries = batch.inserts
  const writes = batch.writes
  if (queries.length === 0 && writes.length === 0) return
  batch.inserts = []
  batch.writes = []
  const { lazy } = batch
  let statement: CompiledQuery
  let allMustMatch = true
  if (queries.length === 1 && writes.length === 0) statement = queries[0].compile()
  else {
    const parts: CompiledQuery[] = []
    // Per write, whether the statement checks it ('1'): only where a refusal can be handed back (the
    // lazy connection).
    let checks = ''
    for (const write of writes) {
      parts.push(write.query.compile())
      checks += write.mustMatch && lazy !== undefined ? '1' : '0'
      if (!write.mustMatch) allMustMatch = false
    }
    for (const query of queries) parts.push(query.compile())
    const parameters: unknown[] = []
    for (const part of parts) for (const parameter of part.parameters) parameters.push(parameter)
    statement = CompiledQuery.raw(combined(parts, checks), parameters)
  }
  // Nothing before it wrote (no BEGIN yet), nothing after it refuses, and the statement checks every
  // write's match itself: it goes alone, atomic by itself.
  if (lazy && !lazy.isOpen && last && allMustMatch) lazy.alone(statement)
  try {
    const { rows } = await trx.executeQuery<Record<string, unknown>>(statement)
    for (let i = 0; i < writes.length; i++) writes[i].settle(asRows(rows[0][RESULT_NAMES[i] ?? `r${i}`]))
  } catch (error) {
    const refused = refusedRows(error)
    if (!lazy || !refused) {
      for (const write of writes) write.fail(error)
      throw error
    }
    // Nothing of the statement was written; an open transaction is aborted: roll it back now, so
    // that the work can still read before it throws its refusal.
    batch.refused = true
    await lazy.rollbackNow()
    for (const [i, write] of writes.entries()) write.settle(asRows(refused[i]))
  }
}

function asRows(value: unknown): unknown[] {
  return (typeof value === 'string' ? JSON.parse(value) : value) as unknown[]
}

/** The rows of every write of a statement `backroom_refuse` failed; undefined for any other error. */
function refusedRows(error: unknown): unknown[] | undefined {
  const { code, detail } = (error ?? {}) as { code?: unknown; detail?: unknown }
  return code === REFUSED && typeof detail === 'string' ? (JSON.parse(detail) as unknown[]) : undefined
}

/** The result column of each write: r0, r1, … */
const RESULT_NAMES = Array.from({ length: 32 }, (_, i) => `r${i}`)

/**
 * Statements already combined, by the SQL of their parts, one level per part (a Kysely part's text
 * is a new string every time, but the fixed statements' and `insertRowsLater`'s are the same string
 * each call, whose hash is kept: no key is joined and hashed per batch); a checkout's batches have a
 * few shapes. At the end of a path: per writes checked (`checks`), the statement.
 */
interface Shapes {
  next: Map<string, Shapes>
  statements: Map<string, string> | undefined
}
const newShapes = (): Shapes => ({ next: new Map(), statements: undefined })
let shapes = newShapes()
let shapeCount = 0
const MAX_SHAPES = 1000

/**
 * One statement of the parts, the writes first: `with "r0" as (…), "w0" as (…) select …`. Each part's
 * SQL is Kysely's own, its parameters renumbered after the ones before it; the result is kept by shape,
 * so a statement is assembled once and each later batch of that shape only compiles its parts.
 * `checks`: per write (the first parts), '1' when the statement checks that it matched, else '0'.
 */
function combined(parts: readonly CompiledQuery[], checks: string): string {
  const writeCount = checks.length
  let node = shapes
  for (const part of parts) {
    let next = node.next.get(part.sql)
    if (next === undefined) {
      next = newShapes()
      node.next.set(part.sql, next)
    }
    node = next
  }
  const known = node.statements?.get(checks)
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
  const names = Array.from({ length: writeCount }, (_, i) => `"r${i}"`)
  const unmatched = names.filter((_, i) => checks[i] === '1').map((name) => `json_array_length(${name}) = 0`)
  // The check reads every write's rows, so it runs after all of them; the CASE calls the function only
  // when one that must match matched nothing.
  const statement =
    unmatched.length === 0
      ? `with ${ctes.join(', ')} select ${columns.join(', ')}`
      : `with ${ctes.join(', ')} select ${names.join(', ')}, case when ${unmatched.join(' or ')} ` +
        `then backroom_refuse(json_build_array(${names.join(', ')})::text) end as "refused" ` +
        `from (select ${columns.join(', ')}) as "batch"`
  if (shapeCount >= MAX_SHAPES) {
    shapes = newShapes()
    shapeCount = 0
    node = shapes // kept from the next call on
  }
  node.statements ??= new Map()
  node.statements.set(checks, statement)
  shapeCount++
  return statement
}
