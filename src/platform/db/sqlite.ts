/**
 * Kysely's SqliteDialect on top of `node:sqlite` (no native addon). Kysely ships the SQLite query
 * compiler, adapter and driver; all it needs is a better-sqlite3-shaped database, which this adapts.
 * Prepared statements are cached by SQL text, so a hot query is parsed once per process.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

const MAX_CACHED_STATEMENTS = 500

/** Opens (creating if needed) a SQLite file with the pragmas a web server wants. */
export function openSqlite(
  path: string,
  options: { readOnly?: boolean; busyTimeoutMs?: number } = {},
): SqliteDatabase & { raw: DatabaseSync; transactionsBegun(): number } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const raw = new DatabaseSync(path, { enableForeignKeyConstraints: true })
  raw.exec('PRAGMA journal_mode = WAL')
  // A reader beside the writer (sqlite-read-write.ts): refuses to write, even by mistake.
  if (options.readOnly) raw.exec('PRAGMA query_only = ON')
  raw.exec('PRAGMA synchronous = NORMAL')
  // How long SQLite itself waits for another connection's write lock, sleeping on this thread: the
  // writer passes 0 and waits on a timer instead (sqlite-read-write.ts).
  raw.exec(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`)
  raw.exec('PRAGMA temp_store = MEMORY')
  raw.exec('PRAGMA cache_size = -65536') // 64 MiB page cache
  const cache = new Map<string, SqliteStatement>()
  let begun = 0

  return {
    raw,
    /** Transactions begun on this connection so far (the change signal tells one transaction from the next). */
    transactionsBegun: () => begun,
    close() {
      cache.clear()
      if (raw.isOpen) raw.close()
    },
    prepare(text: string): SqliteStatement {
      // Kysely opens transactions with a plain BEGIN, which takes the write lock only at the first write;
      // with other processes on the file (a cluster, `backroom import`) that upgrade can fail at once with
      // SQLITE_BUSY that no wait can cure. BEGIN IMMEDIATE asks for the lock up front, where meeting
      // another writer is SQLITE_BUSY with nothing taken, so it can wait and try again.
      if (text === 'begin') begun++
      const sql = text === 'begin' ? 'begin immediate' : text
      let statement = cache.get(sql)
      if (statement) return statement
      statement = wrap(raw.prepare(sql))
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.delete(cache.keys().next().value as string)
      cache.set(sql, statement)
      return statement
    },
  }
}

function wrap(statement: StatementSync): SqliteStatement {
  const reader = statement.columns().length > 0
  return {
    reader,
    all: (parameters) => statement.all(...bind(parameters)),
    run: (parameters) => statement.run(...bind(parameters)),
    iterate: (parameters) => statement.iterate(...bind(parameters)) as IterableIterator<unknown>,
  }
}

/** node:sqlite binds null, numbers, bigints, strings and bytes; map the rest the way Kysely users expect. */
export function bind(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  const out = new Array<SQLInputValue>(parameters.length)
  for (let i = 0; i < parameters.length; i++) {
    const value = parameters[i]
    if (value === undefined || value === null) out[i] = null
    else if (typeof value === 'boolean') out[i] = value ? 1 : 0
    else if (value instanceof Date) out[i] = value.toISOString()
    else out[i] = value as SQLInputValue
  }
  return out
}
