/**
 * Many-row statements without Kysely's query tree (issue 11): the report rollups' catch-up writes and
 * reads a few hundred rows at a time, and Kysely builds (and freezes) a node per value and compiles
 * the tree on every call, which cost more Node CPU than the statements' round trips. These write the
 * SQL text from the table, columns and row count once per shape, and then only take values.
 *
 * - `upsertRows(db, table, rows, { key, set })`: `insert … values (…), (…) on conflict (key) do update
 *   set …` (or `do nothing` when `set` is empty), optionally `returning` some columns. `set` gives
 *   each updated column's expression as SQL text (e.g. `"events" = "event_volume_day"."events" +
 *   excluded."events"`), written once by the caller, never from input.
 * - `whereIn(db, column, values)`: `column in (…)` as ONE parameter (PostgreSQL `= any($1)` with an
 *   array, SQLite `in (select value from json_each(?))`), so a list of any length is one shape.
 *
 * Rows must have the same columns (the first row's order is used), and no `undefined` value (checked).
 */
import { CompiledQuery, type RawBuilder, sql } from 'kysely'
import { dialectOf } from './migrate.ts'
import type { Db } from './types.ts'

/** Rows per statement: well under SQLite's (32,766) and PostgreSQL's (65,535) parameter bounds. */
const MAX_PARAMETERS = 30_000
const MAX_SHAPES = 500
const shapes = new Map<string, string>()

function quote(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bulk: unexpected name ${name}`)
  return `"${name}"`
}

export interface UpsertOptions {
  /** The conflict target (a primary key or unique index). */
  key: readonly string[]
  /** Per updated column, its new value as SQL text over the table and `excluded`; empty: do nothing. */
  set?: Readonly<Record<string, string>>
  /** Columns to return, per row written. */
  returning?: readonly string[]
}

/** Inserts (or updates on conflict) `rows`, in statements of at most MAX_PARAMETERS values. */
export async function upsertRows<R = Record<string, unknown>>(
  db: Db,
  table: string,
  list: readonly object[],
  options: UpsertOptions,
): Promise<R[]> {
  if (list.length === 0) return []
  const rows = list as readonly Record<string, unknown>[]
  const columns = Object.keys(rows[0])
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length))
  const out: R[] = []
  for (let start = 0; start < rows.length; start += perStatement) {
    const part = rows.slice(start, start + perStatement)
    const parameters: unknown[] = []
    for (const row of part) {
      if (Object.keys(row).length !== columns.length) throw new Error(`bulk: rows of ${table} differ in their columns`)
      for (const column of columns) {
        const value = row[column]
        if (value === undefined) throw new Error(`bulk: a row of ${table} has no ${column}`)
        parameters.push(value)
      }
    }
    const text = insertRowsSql(dialectOf(db), table, columns, part.length, options)
    const result = await db.executeQuery<R>(CompiledQuery.raw(text, parameters))
    out.push(...result.rows)
  }
  return out
}

/**
 * The text of a many-row insert of `count` rows of `columns` (with `on conflict` when `o` is given),
 * written once per shape and kept. Also writes the checkout's batched inserts (write-batch.ts).
 */
export function insertRowsSql(
  dialect: string,
  table: string,
  columns: readonly string[],
  count: number,
  o?: UpsertOptions,
): string {
  // The key of the shape, short for a plain insert (the checkout's, per batch).
  let id = `${dialect}\u0000${table}\u0000${count}\u0000${columns.join(',')}`
  if (o) id += `\u0000${o.key.join(',')}\u0000${JSON.stringify(o.set ?? {})}\u0000${o.returning?.join(',')}`
  let text = shapes.get(id)
  if (text === undefined) {
    const set = Object.entries(o?.set ?? {})
    let n = 0
    const row = () => `(${columns.map(() => (dialect === 'postgres' ? `$${++n}` : '?')).join(', ')})`
    text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${Array.from({ length: count }, row).join(', ')}`
    if (o) {
      text +=
        ` on conflict (${o.key.map(quote).join(', ')}) ` +
        (set.length === 0 ? 'do nothing' : `do update set ${set.map(([c, e]) => `${quote(c)} = ${e}`).join(', ')}`) +
        (o.returning?.length ? ` returning ${o.returning.map(quote).join(', ')}` : '')
    }
    if (shapes.size >= MAX_SHAPES) shapes.clear()
    shapes.set(id, text)
  }
  return text
}

/** Rows per statement for the writes that still go through Kysely: well under both parameter bounds. */
const CHUNK = 1000

/** Runs `write` on `rows` a CHUNK at a time, one after another. */
export async function inChunks<T>(rows: readonly T[], write: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK))
}

/** `column in (values)` with the list as one parameter (see the file's comment). */
export function whereIn(db: Db, column: string, values: readonly (string | number)[]): RawBuilder<boolean> {
  const ref = sql.ref(column)
  if (dialectOf(db) === 'postgres') {
    const type = typeof values[0] === 'number' ? sql`bigint[]` : sql`text[]`
    return sql<boolean>`${ref} = any(cast(${[...values]} as ${type}))`
  }
  return sql<boolean>`${ref} in (select value from json_each(${JSON.stringify(values)}))`
}
