/**
 * The server's own events (a storefront search, with its result count) recorded off the request path
 * (issue 14): every search, also one answered from the result cache, used to cost a write transaction.
 * Events wait in this node's memory and are written by one multi-row insert (with their rollup queue
 * rows, as `record` writes them) every `intervalMs`, as soon as `batch` of them wait, before a report
 * or a personal-data request reads the events, and on close (SIGTERM drains it; each cluster process
 * has its own buffer and drains it the same way).
 *
 * Durability (docs/INSIGHTS.md): an event waits at most `intervalMs` (200 ms by default); a process
 * killed without draining (kill -9, a crash, power loss) loses what waited. A failed write keeps the
 * events and retries (ids are fixed when recorded, and `appendEvents` skips ids already stored, so a
 * retry never counts twice). At most `max` events wait: past that, `record` waits for the next write
 * (back-pressure on the searches), and while the database refuses writes a new event is dropped and
 * counted (`insights_events_dropped_total`) instead of growing memory without bound.
 */
import type { Db } from '../../platform/db/types.ts'
import { type ServerEvent, toRow } from './service.ts'
import * as store from './store.ts'

/** Events per write transaction at most: a SQLite writer holds the one write lock that long. */
const WRITE_MAX = 5000

export interface EventBufferOptions {
  db: Db
  /** Write at least this often (ms); 0 = only when `batch` wait, when asked, and on close. */
  intervalMs: number
  /** Write as soon as this many events wait. */
  batch: number
  /** At most this many events wait (back-pressure, then dropping while writes fail). */
  max: number
  log?: { warn: (obj: object, msg: string) => void }
  now?: () => number
}

export interface EventBufferStats {
  /** Events waiting now. */
  waiting: number
  /** Events written since start. */
  written: number
  /** Events dropped because the buffer was full while writes failed. */
  dropped: number
  /** Writes that failed (their events were kept and retried). */
  failures: number
}

export function createEventBuffer(options: EventBufferOptions) {
  const { db, intervalMs, batch, max, log } = options
  const now = options.now ?? Date.now
  let rows: store.EventTable[] = []
  let tail: Promise<unknown> = Promise.resolve()
  let failing = false
  let closed = false
  let timer: NodeJS.Timeout | undefined
  const counts = { written: 0, dropped: 0, failures: 0 }
  return { record, flush, start, close, stats }

  /**
   * Takes an event for the next write. Resolves at once unless `max` events already wait; then it
   * waits for that write, and drops the event (counted) if the write fails.
   */
  async function record(event: ServerEvent): Promise<void> {
    const row = toRow(event, event.customerId ?? null, 'server', now())
    if (closed) {
      await write([row]) // after close (a request still in flight): straight to the database
      return
    }
    while (rows.length >= max) {
      if (failing) {
        counts.dropped++
        return
      }
      await flush().catch(() => {})
    }
    rows.push(row)
    if (rows.length >= batch) flush().catch(() => {})
  }

  /**
   * Writes every event waiting now (after any write already running). Rejects if a write fails; its
   * events stay buffered for the next attempt. Resolves with how many this call wrote.
   */
  function flush(): Promise<number> {
    const run = tail.then(writeWaiting)
    tail = run.catch(() => {})
    return run
  }

  /** What waits now, in transactions of at most WRITE_MAX (events recorded meanwhile wait for the next). */
  async function writeWaiting(): Promise<number> {
    let total = 0
    let left = rows.length
    while (left > 0 && rows.length > 0) {
      const part = rows.slice(0, Math.min(left, WRITE_MAX))
      rows = rows.slice(part.length)
      left -= part.length
      try {
        total += await write(part)
        failing = false
      } catch (error) {
        rows = part.concat(rows) // kept, in order, for the next attempt
        failing = true
        counts.failures++
        throw error
      }
    }
    return total
  }

  /** One transaction: events of customers an erasure listed meanwhile lose the link (store.erasedAmong). */
  async function write(part: store.EventTable[]): Promise<number> {
    const customers = [...new Set(part.flatMap((r) => (r.customer_id === null ? [] : [r.customer_id])))]
    const inserted = await db.transaction().execute(async (trx) => {
      const erased = await store.erasedAmong(trx, customers)
      const stored =
        erased.size === 0 ? part : part.map((r) => (erased.has(r.customer_id ?? '') ? { ...r, customer_id: null } : r))
      return store.appendEvents(trx, stored)
    })
    counts.written += inserted
    return inserted
  }

  /** Starts the periodic write (a timer that does not keep the process alive). */
  function start(): void {
    if (intervalMs <= 0 || timer) return
    timer = setInterval(() => {
      if (rows.length === 0) return
      flush().catch((error) =>
        log?.warn({ err: error, waiting: rows.length }, 'writing buffered events failed; retrying'),
      )
    }, intervalMs)
    timer.unref()
  }

  /** Stops the timer and writes everything waiting (the drain on shutdown); later events are written at once. */
  async function close(): Promise<void> {
    clearInterval(timer)
    timer = undefined
    closed = true
    await flush()
  }

  function stats(): EventBufferStats {
    return { waiting: rows.length, ...counts }
  }
}

export type EventBuffer = ReturnType<typeof createEventBuffer>
