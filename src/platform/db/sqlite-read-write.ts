/**
 * SQLite with two connections on one file (WAL): transactions and writes on the writer, one at a
 * time, as before; reads outside a transaction on a second, query-only connection that never waits
 * for the writer (issue 11). Kysely's stock SqliteDialect runs everything on one connection behind one
 * lock, so a storefront read queued behind every transaction waiting its turn (a search sent during
 * checkouts waited 309 ms with no payment latency at all, 10 s with 400 ms of it). A read is a
 * query-builder select or a raw statement whose text only reads (`readsOnly`): storefront search is
 * raw SQL, and sent to the writer it waited for every transaction (303 ms behind one held 300 ms).
 *
 * node:sqlite is synchronous, so a read still runs on the event loop; what it no longer does is wait
 * behind open transactions. A read outside a transaction sees every committed write (a fresh WAL
 * snapshot per statement) and nothing of a transaction still open, exactly as on PostgreSQL.
 *
 * Waiting for another process's write lock (the other server processes of WEB_CONCURRENCY>1,
 * `backroom import`) does not stop the event loop either: SQLite's own wait (busy_timeout) sleeps on
 * the calling thread, so the writer runs without one (busy_timeout 0) and `waitForFileLock` tries
 * again on a timer (with the lock held 300 ms by another connection, a 10 ms interval ticked 0 times
 * in SQLite's wait; on a timer it keeps ticking, and reads answer on the reader meanwhile).
 */
import { setTimeout as sleep } from 'node:timers/promises'
import {
  CompiledQuery,
  createQueryId,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  IdentifierNode,
  type QueryResult,
  RawNode,
  SelectQueryNode,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
} from 'kysely'
import type { RunAlone } from './direct-kysely.ts'

/** How long a write waits for another process's write lock before it fails (busy_timeout was 5000). */
export const LOCK_WAIT_MS = 5000

/**
 * Kysely's SQLite dialect, but reads outside a transaction go to `reader`. `writer` must not wait for
 * locks itself (opened with busyTimeoutMs 0, sqlite.ts): writes wait here for up to `lockWaitMs`.
 */
export class SqliteReadWriteDialect extends SqliteDialect {
  readonly #writer: SqliteDatabase
  readonly #reader: SqliteDatabase
  readonly #lockWaitMs: number

  constructor(writer: SqliteDatabase, reader: SqliteDatabase, options: { lockWaitMs?: number } = {}) {
    super({ database: writer })
    this.#writer = writer
    this.#reader = reader
    this.#lockWaitMs = options.lockWaitMs ?? LOCK_WAIT_MS
  }

  override createDriver(): ReadWriteDriver {
    return readWriteDriver(this.#writer, this.#reader, this.#lockWaitMs)
  }

  /** The driver serialises writes itself, so Kysely must not put its own one-connection lock around reads. */
  override createAdapter(): DialectAdapter {
    return new ConcurrentSqliteAdapter()
  }
}

class ConcurrentSqliteAdapter extends SqliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true
  }
}

/** The driver, and how a statement outside any transaction runs (direct-kysely.ts). */
export interface ReadWriteDriver extends Driver {
  runAlone: RunAlone
}

function readWriteDriver(writer: SqliteDatabase, reader: SqliteDatabase, lockWaitMs: number): ReadWriteDriver {
  let tail: Promise<void> = Promise.resolve()
  const lock: WriterLock = { holders: 0, acquire, waitMs: lockWaitMs }
  /** The writer's lock: resolves with its release once every earlier holder released it. */
  async function acquire(): Promise<() => void> {
    let release = () => {}
    const previous = tail
    lock.holders++
    tail = new Promise((resolve) => {
      release = resolve
    })
    await previous
    return () => {
      lock.holders--
      release()
    }
  }
  // Never begins a transaction: it holds no state, so every statement outside one can share it.
  const alone = routedConnection(writer, reader, lock)

  return {
    runAlone: (query) => alone.executeQuery(query),
    async init() {},
    async acquireConnection() {
      return routedConnection(writer, reader, lock)
    },
    async beginTransaction(connection) {
      await (connection as RoutedConnection).begin()
    },
    async commitTransaction(connection) {
      await (connection as RoutedConnection).end('commit')
    },
    async rollbackTransaction(connection) {
      await (connection as RoutedConnection).end('rollback')
    },
    async savepoint(connection, name, compile) {
      await connection.executeQuery(compile(savepointNode('savepoint', name), createQueryId()))
    },
    async rollbackToSavepoint(connection, name, compile) {
      await connection.executeQuery(compile(savepointNode('rollback to', name), createQueryId()))
    },
    async releaseSavepoint(connection, name, compile) {
      await connection.executeQuery(compile(savepointNode('release', name), createQueryId()))
    },
    async releaseConnection() {},
    async destroy() {
      reader.close()
      writer.close()
    },
  }
}

/** The writer's lock, how many hold it or wait for it, and how long its holder waits for the file's. */
interface WriterLock {
  holders: number
  acquire(): Promise<() => void>
  waitMs: number
}

interface RoutedConnection extends DatabaseConnection {
  begin(): Promise<void>
  end(command: 'commit' | 'rollback'): Promise<void>
}

function routedConnection(writer: SqliteDatabase, reader: SqliteDatabase, lock: WriterLock): RoutedConnection {
  let release: (() => void) | undefined // set while this connection holds a transaction
  return {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      if (release) return run(writer, query)
      if (SelectQueryNode.is(query.query) || (RawNode.is(query.query) && readsOnly(query.sql))) {
        return run(reader, query)
      }
      // Nobody holds the writer or waits for it: a statement runs at once (node:sqlite is synchronous,
      // so nothing can come between), without a turn through the lock, unless another process holds
      // the file's write lock: then it did nothing, and waits in turn like any other.
      if (lock.holders === 0) {
        try {
          return run(writer, query)
        } catch (error) {
          if (!isBusy(error)) throw error
        }
      }
      const unlock = await lock.acquire()
      try {
        return await waitForFileLock(() => run<R>(writer, query), lock.waitMs)
      } finally {
        unlock()
      }
    },
    async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
      if (!SelectQueryNode.is(query.query)) throw new Error('SQLite streams select queries only')
      const statement = (release ? writer : reader).prepare(query.sql)
      for (const row of statement.iterate(query.parameters)) yield { rows: [row as R] }
    },
    async begin() {
      const unlock = await lock.acquire()
      try {
        await waitForFileLock(() => run(writer, BEGIN), lock.waitMs)
      } catch (error) {
        unlock()
        throw error
      }
      release = unlock
    },
    async end(command) {
      try {
        run(writer, CompiledQuery.raw(command))
      } finally {
        release?.()
        release = undefined
      }
    },
  }
}

const BEGIN = CompiledQuery.raw('begin') // begin immediate (sqlite.ts)

/**
 * Runs `attempt` until it does not meet another connection's write lock (SQLITE_BUSY), trying again
 * after a timer (1 ms, doubling to 32, with jitter) so the event loop runs meanwhile; after `waitMs`
 * the last SQLITE_BUSY is thrown, the error busy_timeout gave. Only for what takes nothing when it
 * meets the lock: a BEGIN, or a statement outside any transaction (its implicit one rolls back).
 * A statement inside a transaction is never tried again, and needs not be: BEGIN IMMEDIATE took the
 * write lock, and in WAL neither the transaction's statements nor its COMMIT wait for another writer.
 */
async function waitForFileLock<T>(attempt: () => T, waitMs: number): Promise<T> {
  const deadline = Date.now() + waitMs
  for (let pause = 1; ; pause = Math.min(pause * 2, 32)) {
    try {
      return attempt()
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error
    }
    await sleep(Math.min(pause / 2 + Math.random() * pause, Math.max(deadline - Date.now(), 0)))
  }
}

/** SQLITE_BUSY, or one of its extended codes (node:sqlite's `errcode`). */
function isBusy(error: unknown): boolean {
  return Number((error as { errcode?: unknown } | null | undefined)?.errcode) % 256 === 5
}

/** Whitespace and comments before a statement's first word. */
const LEADING = /^(?:\s|--[^\n]*|\/\*[\s\S]*?\*\/)*/
/** A word that may write: `with … insert/update/delete/replace` (an upsert's `do update` too). */
const WRITING_WORD = /\b(?:insert|update|delete|replace)\b/i
/** Functions answering about the connection, not the file: the writer's answer is the one asked for. */
const CONNECTION_STATE = /\b(?:changes|total_changes|last_insert_rowid)\s*\(/i

/**
 * Whether the text of a raw statement only reads, so the query-only reader may answer it: its first
 * word (after whitespace and comments) is SELECT or VALUES, or WITH with no writing word anywhere
 * after it (a name or string holding one sends a read to the writer, which is only slower), or
 * EXPLAIN of such a statement. Anything else goes to the writer, PRAGMA included, and so does a read
 * of what the connection did (`select total_changes()`: the FTS merge in catalog/search/store.ts).
 */
export function readsOnly(sql: string): boolean {
  const text = sql.slice(LEADING.exec(sql)?.[0].length ?? 0)
  const word = /^[a-z]+/i.exec(text)?.[0].toLowerCase()
  if (word === 'explain') return readsOnly(text.slice('explain'.length).replace(/^\s+query\s+plan\b/i, ''))
  const reads = word === 'select' || word === 'values' || (word === 'with' && !WRITING_WORD.test(text))
  return reads && !CONNECTION_STATE.test(text)
}

function savepointNode(command: string, name: string) {
  return RawNode.createWithChildren([RawNode.createWithSql(`${command} `), IdentifierNode.create(name)])
}

function run<R>(database: SqliteDatabase, query: CompiledQuery): QueryResult<R> {
  const statement = database.prepare(query.sql)
  if (statement.reader) return { rows: statement.all(query.parameters) as R[] }
  const { changes, lastInsertRowid } = statement.run(query.parameters)
  return {
    insertId: lastInsertRowid != null ? BigInt(lastInsertRowid) : undefined,
    numAffectedRows: changes != null ? BigInt(changes) : undefined,
    rows: [],
  }
}
