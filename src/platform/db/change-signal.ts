/**
 * "Something changed": how a node learns that data it derived and keeps in memory (a cache) may be
 * stale, including changes made by other processes and other API nodes.
 *
 * - SQLite: this process writes through one connection, so `changed` moves the version at once (and
 *   again when the writing transaction ends; while it is open `version()` is undefined, because reads on
 *   the reader connection cannot see its rows yet);
 *   other processes on the same file (`backroom import`, a second server) show up in
 *   `PRAGMA data_version`, read at most every `checkMs` (default 100 ms): the step costs ~4 µs, which
 *   on every product GET was 8 % of the server's time, so another process's writes are seen within
 *   that bound rather than at once.
 * - PostgreSQL: `changed` sends `pg_notify` inside the writing transaction, which PostgreSQL delivers
 *   on commit to every node listening (this one included) on a dedicated connection. While that
 *   connection is down, `version()` is undefined (nothing may be cached) and it reconnects.
 *
 * A reader captures `version()` before reading and keeps what it read only if the version has not
 * moved since: a read that raced a write is never kept.
 */
import { createHash } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'
import { sql } from 'kysely'
import pg from 'pg'
import type { Db } from './types.ts'

export interface ChangeSignal {
  /** Inside the writing transaction: every node's version moves (on PostgreSQL, once it commits). */
  changed(trx: Db): Promise<void>
  /** Moves whenever the data may have changed; undefined while changes cannot be observed. */
  version(): number | undefined
  close(): Promise<void>
}

export function sqliteChangeSignal(raw: DatabaseSync, checkMs = 100): ChangeSignal {
  const dataVersion = raw.prepare('PRAGMA data_version')
  let local = 0
  let seen: unknown
  let checkedAt = 0
  // Reads outside a transaction have their own connection (sqlite-read-write.ts) and may run while the
  // writing transaction is open: until it ends they see the old rows, so nothing may be cached then,
  // and the version moves again once it has ended.
  let pending = false
  return {
    async changed() {
      local++
      pending = raw.isTransaction
    },
    version() {
      if (!raw.isOpen) return undefined
      if (pending) {
        if (raw.isTransaction) return undefined
        pending = false
        local++
      }
      const now = Date.now()
      if (now - checkedAt < checkMs) return local
      checkedAt = now
      const current = (dataVersion.get() as { data_version: number }).data_version
      if (current !== seen) {
        seen = current
        local++
      }
      return local
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
