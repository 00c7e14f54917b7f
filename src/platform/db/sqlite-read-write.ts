/**
 * SQLite with two connections on one file (WAL): transactions and writes on the writer, one at a
 * time, as before; reads outside a transaction on a second, query-only connection that never waits
 * for the writer (issue 11). Kysely's stock SqliteDialect runs everything on one connection behind one
 * lock, so a storefront read queued behind every transaction waiting its turn (a search sent during
 * checkouts waited 309 ms with no payment latency at all, 10 s with 400 ms of it).
 *
 * node:sqlite is synchronous, so a read still runs on the event loop; what it no longer does is wait
 * behind open transactions. A read outside a transaction sees every committed write (a fresh WAL
 * snapshot per statement) and nothing of a transaction still open, exactly as on PostgreSQL.
 */
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

/** Kysely's SQLite dialect, but reads outside a transaction go to `reader`. */
export class SqliteReadWriteDialect extends SqliteDialect {
  readonly #writer: SqliteDatabase
  readonly #reader: SqliteDatabase

  constructor(writer: SqliteDatabase, reader: SqliteDatabase) {
    super({ database: writer })
    this.#writer = writer
    this.#reader = reader
  }

  override createDriver(): ReadWriteDriver {
    return readWriteDriver(this.#writer, this.#reader)
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

function readWriteDriver(writer: SqliteDatabase, reader: SqliteDatabase): ReadWriteDriver {
  let tail: Promise<void> = Promise.resolve()
  const lock: WriterLock = { holders: 0, acquire }
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

/** The writer's lock, and how many hold it or wait for it. */
interface WriterLock {
  holders: number
  acquire(): Promise<() => void>
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
      if (SelectQueryNode.is(query.query)) return run(reader, query)
      // Nobody holds the writer or waits for it: a statement runs at once (node:sqlite is synchronous,
      // so nothing can come between), without a turn through the lock.
      if (lock.holders === 0) return run(writer, query)
      const unlock = await lock.acquire()
      try {
        return run(writer, query)
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
        run(writer, CompiledQuery.raw('begin'))
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
