/**
 * Kysely's PostgreSQL dialect, with transactions that can send their BEGIN late (issue 11). On
 * PostgreSQL every statement is a round trip, BEGIN and COMMIT included, and a round trip costs the
 * Node process more CPU than most of what a checkout computes. A checkout step reads (the cart, the
 * prices, the rates), then writes everything in ONE statement (write-batch.ts): BEGIN and COMMIT
 * around it are two round trips that protect nothing, since one statement is atomic by itself.
 *
 * A transaction is lazy when its connection was told so before it began (`deferNextBegin`, which
 * write-batch.ts `batchedTransaction` does): its BEGIN is sent only just before the first statement
 * that needs a transaction, and its COMMIT (or ROLLBACK) only when a BEGIN was sent. Plain reads before
 * that run on the same connection outside a transaction. Under READ COMMITTED every statement takes a
 * snapshot of its own in a transaction too, so such a read sees what it would have seen inside; what
 * it does not do is hold a lock till the end (a plain SELECT's lock only keeps DDL away). So a
 * statement needs the transaction unless its text is a plain read: it starts with SELECT or WITH and
 * names no write (insert, update, delete, merge, `select … into`), no row lock (`for update`,
 * `for share`, …), and no function whose effect outside the statement a transaction defers or undoes
 * (notifications, sequences, settings, advisory locks, large objects). The test is on the text, so it
 * may take a read for a write (a column named `share`): that costs a BEGIN, never a guarantee.
 *
 * A statement the caller hands to `alone` is sent without BEGIN when no transaction is open yet:
 * write-batch.ts sends a batch so when nothing before it wrote. A transaction not yet open when its
 * work wants it again (a write after that batch) gets a BEGIN of its own, as the first did.
 *
 * Every other transaction (no `deferNextBegin`) begins and ends exactly as with Kysely's own dialect.
 */
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  PostgresDialect,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'

/** Kysely's PostgreSQL dialect, whose connections are `LazyBeginConnection`s. */
export class LazyBeginPostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    return lazyBeginDriver(super.createDriver())
  }
}

const BEGIN = CompiledQuery.raw('begin')
const ROLLBACK = CompiledQuery.raw('rollback')

/** A pooled connection that knows whether its transaction has sent BEGIN yet. */
export class LazyBeginConnection implements DatabaseConnection {
  readonly inner: DatabaseConnection
  #deferNext = false
  /** This transaction sends BEGIN only before a statement that needs one. */
  #lazy = false
  /** A transaction is under way: Kysely began it and has not ended it. */
  #wanted = false
  /** BEGIN was sent and nothing ended it yet. */
  #open = false
  #alone: CompiledQuery | undefined

  constructor(inner: DatabaseConnection) {
    this.inner = inner
  }

  /** The next transaction on this connection begins lazily (see the file's comment). */
  deferNextBegin(): void {
    this.#deferNext = true
  }

  /** Whether BEGIN has been sent and the transaction not ended yet. */
  get isOpen(): boolean {
    return this.#open
  }

  /** Sends `query` (when next run, by this very object) without BEGIN if no transaction is open yet. */
  alone(query: CompiledQuery): void {
    this.#alone = query
  }

  /**
   * Rolls back the open transaction now (a statement failed in it, and the work still reads before it
   * throws); the transaction stays under way, and a later write begins it again.
   */
  async rollbackNow(): Promise<void> {
    if (!this.#open) return
    await this.inner.executeQuery(ROLLBACK) // when it fails, Kysely's rollback tries again (and discards)
    this.#open = false
  }

  executeQuery<R>(query: CompiledQuery, options?: Parameters<DatabaseConnection['executeQuery']>[1]) {
    // No async step of its own when no BEGIN goes first (most statements).
    if (!this.#beginsFor(query)) return this.inner.executeQuery<R>(query, options)
    return this.#begin().then(() => this.inner.executeQuery<R>(query, options))
  }

  async *streamQuery<R>(
    query: CompiledQuery,
    chunkSize: number,
    options?: Parameters<DatabaseConnection['streamQuery']>[2],
  ): AsyncIterableIterator<QueryResult<R>> {
    if (this.#beginsFor(query)) await this.#begin()
    yield* this.inner.streamQuery<R>(query, chunkSize, options)
  }

  get cancelQuery() {
    return this.inner.cancelQuery?.bind(this.inner)
  }

  get collectSessionInfo() {
    return this.inner.collectSessionInfo?.bind(this.inner)
  }

  get killSession() {
    return this.inner.killSession?.bind(this.inner)
  }

  /** Whether BEGIN must go before `query` (and, for the statement handed to `alone`, forgets it). */
  #beginsFor(query: CompiledQuery): boolean {
    if (!this.#wanted || this.#open) return false
    if (query === this.#alone) {
      this.#alone = undefined
      return false
    }
    return !this.#lazy || needsTransaction(query.sql)
  }

  async #begin(): Promise<void> {
    await this.inner.executeQuery(BEGIN)
    this.#open = true
  }

  /** Kysely's beginTransaction: BEGIN now, or noted for later when `deferNextBegin` asked so. */
  async begin(driver: Driver, settings: TransactionSettings): Promise<void> {
    const lazy = this.#deferNext
    this.#deferNext = false
    if (lazy && (settings.isolationLevel || settings.accessMode)) {
      throw new Error('pg-lazy-begin: a lazy transaction takes no isolation level or access mode')
    }
    if (!lazy) await driver.beginTransaction(this.inner, settings)
    this.#wanted = true
    this.#lazy = lazy
    this.#open = !lazy
  }

  /** Kysely's commit or rollback: sent only when BEGIN was. */
  async end(driver: Driver, command: 'commit' | 'rollback'): Promise<void> {
    const open = this.#open
    this.#wanted = false
    this.#lazy = false
    this.#open = false
    this.#alone = undefined
    if (!open) return
    if (command === 'commit') await driver.commitTransaction(this.inner)
    else await driver.rollbackTransaction(this.inner)
  }
}

// Starts with SELECT or WITH (after parentheses): a read, unless one of these appears.
const READ = /^[\s(]*(select|with)\b/i
const NOT_PLAIN =
  /\b(insert|update|delete|merge|into|share|pg_notify|nextval|setval|set_config|pg_advisory\w*|pg_try_advisory\w*|lo_\w+|dblink\w*)\b/i

/** Answers by SQL text: the hot statements are a few fixed texts (fixed-query.ts), some of them long. */
const known = new Map<string, boolean>()
const MAX_KNOWN = 1000

/** Whether `sql` must run inside the transaction (see the file's comment): anything but a plain read. */
export function needsTransaction(sql: string): boolean {
  let needs = known.get(sql)
  if (needs === undefined) {
    needs = !READ.test(sql) || NOT_PLAIN.test(sql)
    if (known.size >= MAX_KNOWN) known.clear()
    known.set(sql, needs)
  }
  return needs
}

function lazyBeginDriver(driver: Driver): Driver {
  const lazy = (connection: DatabaseConnection) => connection as LazyBeginConnection
  return {
    init: (options) => driver.init(options),
    async acquireConnection(options) {
      return new LazyBeginConnection(await driver.acquireConnection(options))
    },
    beginTransaction: (connection, settings) => lazy(connection).begin(driver, settings),
    commitTransaction: (connection) => lazy(connection).end(driver, 'commit'),
    rollbackTransaction: (connection) => lazy(connection).end(driver, 'rollback'),
    savepoint: (connection, name, compile) => driver.savepoint!(connection, name, compile),
    rollbackToSavepoint: (connection, name, compile) => driver.rollbackToSavepoint!(connection, name, compile),
    releaseSavepoint: (connection, name, compile) => driver.releaseSavepoint!(connection, name, compile),
    releaseConnection: (connection, options) => driver.releaseConnection(lazy(connection).inner, options),
    destroy: (options) => driver.destroy(options),
  }
}
