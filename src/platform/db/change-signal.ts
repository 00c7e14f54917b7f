/**
 * "Something changed": how a node learns that data it derived and keeps in memory (a cache) may be
 * stale, including changes made by other processes and other API nodes. One signal per topic
 * (`catalog`; `checkout`: shipping methods and tax rates; `webhooks`: endpoints and subscriptions):
 * a write under another topic, or to a table no topic covers (carts, orders,
 * analytics events), never moves it.
 *
 * - SQLite: this process writes through one connection, so `changed` moves the version at once (and
 *   again when the writing transaction ends; while it is open `version()` is undefined, because reads on
 *   the reader connection cannot see its rows yet). `changed` also adds one, in the writing
 *   transaction, to the topic's row of `change_version`; other processes on the same file
 *   (`backroom import`, the other server processes of WEB_CONCURRENCY>1) are seen when that row moves,
 *   read through a prepared statement at most every `checkMs` (default 100 ms; on every product GET
 *   it was 8 % of the server's time), so their writes are seen within that bound rather than at once.
 *   Until issue 14 this read `PRAGMA data_version`, which moves on ANY commit by another connection:
 *   with several server processes, every cart write and analytics flush emptied every cache.
 * - PostgreSQL: `changed` sends `pg_notify` on the topic's channel inside the writing transaction,
 *   which PostgreSQL delivers on commit to every node listening (this one included) on a dedicated
 *   connection. While that connection is down, `version()` is undefined (nothing may be cached) and it
 *   reconnects. (`change_version` exists there too, unused.)
 *
 * A reader captures `version()` before reading and keeps what it read only if the version has not
 * moved since: a read that raced a write is never kept.
 */
import { createHash } from 'node:crypto'
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import type { Migrations } from './migrate.ts'
import type { Db } from './types.ts'

/** One row per topic, counting its writes (SQLite: what other processes on the file poll). */
export interface ChangeVersionTable {
  topic: string
  version: number
}

export const changeSignalMigrations: Migrations = {
  '0001_change_version': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('change_version')
        .addColumn('topic', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('version', 'bigint', (c) => c.notNull())
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('change_version').execute()
    },
  },
}

export interface ChangeSignal {
  /** Inside the writing transaction: every node's version moves (on PostgreSQL, once it commits). */
  changed(trx: Db): Promise<void>
  /** Moves whenever the data may have changed; undefined while changes cannot be observed. */
  version(): number | undefined
  close(): Promise<void>
}

/**
 * `transactionsBegun` (sqlite.ts) tells the writing transaction from a later one on the same connection:
 * without it, a reader that only ever asks inside transactions (the checkout's reads of shipping rates
 * and webhook subscribers) would never see this process's own write end, and never cache again.
 */
export function sqliteChangeSignal(
  raw: DatabaseSync,
  topic: string,
  checkMs = 100,
  transactionsBegun?: () => number,
): ChangeSignal {
  let statement: StatementSync | undefined
  /** The topic's committed count (0 before its first write); undefined without the table (not migrated). */
  const stored = (): number | undefined => {
    try {
      statement ??= raw.prepare('select version from change_version where topic = ?')
      return Number((statement.get(topic) as { version: number } | undefined)?.version ?? 0)
    } catch {
      return undefined
    }
  }
  let local = 0
  let seen: number | undefined
  let checkedAt = 0
  // Everything committed so far counts as seen: called right after `local` moved, so nothing cached
  // before it is kept, whatever the row shows (also after a rollback of this process's own write).
  const resync = () => {
    seen = stored()
    checkedAt = Date.now()
  }
  // Reads outside a transaction have their own connection (sqlite-read-write.ts) and may run while the
  // writing transaction is open: until it ends they see the old rows, so nothing may be cached then,
  // and the version moves again once it has ended.
  let pending = false
  let pendingIn: number | undefined
  return {
    async changed(trx) {
      local++
      pending = raw.isTransaction
      pendingIn = transactionsBegun?.()
      await sql`insert into change_version (topic, version) values (${topic}, 1)
        on conflict (topic) do update set version = change_version.version + 1`.execute(trx)
      if (!pending) {
        local++
        resync()
      }
    },
    version() {
      if (!raw.isOpen) return undefined
      if (pending) {
        // Still in the writing transaction (a transaction begun since means that one has ended).
        if (raw.isTransaction && transactionsBegun?.() === pendingIn) return undefined
        pending = false
        local++
        resync()
      } else if (seen === undefined || Date.now() - checkedAt >= checkMs) {
        // Also inside another transaction of this process: it holds the write lock (BEGIN IMMEDIATE,
        // sqlite.ts), so what it reads is the latest commit.
        const current = stored()
        if (current === undefined) return undefined
        checkedAt = Date.now()
        if (seen !== undefined && current !== seen) local++
        seen = current
      }
      return seen === undefined ? undefined : local
    },
    async close() {},
  }
}

export interface PostgresSignalOptions {
  url: string
  /** The schema the app lives in: signals do not cross schemas (tests run many side by side). */
  schema: string | undefined
  topic: string
  /** After this node's own write, stay uncached this long unless its notification comes back sooner. */
  quietMs?: number
  onError?: (error: Error) => void
}

/**
 * A PostgreSQL LISTEN connection for one topic. Resolves once listening (or after the first failed
 * attempt, with caching off until a retry succeeds).
 */
export async function postgresChangeSignal(options: PostgresSignalOptions): Promise<ChangeSignal> {
  const channel = channelName(options.topic, options.schema)
  const quietMs = options.quietMs ?? 1000
  let local = 0
  let listening = false
  let closed = false
  let client: pg.Client | undefined
  let retry: NodeJS.Timeout | undefined
  let delay = 250
  // After a write on this node, its own readers could keep a row read between `changed` and the
  // commit; until the notification comes back (or quietMs passes) nothing is kept.
  let pendingOwn = 0
  let quietUntil = 0

  async function connect(): Promise<void> {
    if (closed) return
    const next = new pg.Client({ connectionString: options.url })
    next.on('notification', (message) => {
      if (message.channel !== channel) return
      local++
      if (message.payload === nodeId && pendingOwn > 0) pendingOwn--
    })
    const lost = (error?: Error) => {
      if (client !== next) return
      client = undefined
      listening = false
      local++
      if (error) options.onError?.(error)
      next.end().catch(() => {})
      schedule()
    }
    next.on('error', lost)
    next.on('end', () => lost())
    try {
      await next.connect()
      await next.query(`LISTEN ${next.escapeIdentifier(channel)}`)
    } catch (error) {
      next.removeAllListeners('end')
      next.end().catch(() => {})
      options.onError?.(error as Error)
      schedule()
      return
    }
    if (closed) {
      await next.end().catch(() => {})
      return
    }
    client = next
    listening = true
    delay = 250
    local++ // whatever happened while nobody listened
  }

  function schedule() {
    if (closed || retry) return
    retry = setTimeout(() => {
      retry = undefined
      void connect()
    }, delay)
    retry.unref()
    delay = Math.min(delay * 2, 30_000)
  }

  const nodeId = createHash('sha256').update(`${process.pid}:${Math.random()}`).digest('hex').slice(0, 16)
  await connect()
  return {
    async changed(trx) {
      local++
      pendingOwn++
      quietUntil = Date.now() + quietMs
      await sql`select pg_notify(${channel}, ${nodeId})`.execute(trx)
    },
    version() {
      if (!listening) return undefined
      if (pendingOwn > 0) {
        if (Date.now() < quietUntil) return undefined
        pendingOwn = 0 // rolled back, or the notification was lost with a connection
      }
      return local
    },
    async close() {
      closed = true
      listening = false
      if (retry) clearTimeout(retry)
      const current = client
      client = undefined
      await current?.end().catch(() => {})
    },
  }
}

/** A channel per topic and schema, within PostgreSQL's 63-byte identifier limit. */
function channelName(topic: string, schema: string | undefined): string {
  const name = `backroom_${topic}_${schema ?? 'public'}`
  if (name.length <= 63) return name
  return `backroom_${topic}_${createHash('sha256').update(name).digest('hex').slice(0, 32)}`
}
