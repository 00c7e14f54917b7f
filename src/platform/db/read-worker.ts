/**
 * Heavy reads (CSV exports, long scans) that leave the event loop free, and a bound on how many run
 * at once in this process (issue 11).
 *
 * The query is built and compiled with Kysely on the main thread, and run in a worker thread
 * (read-worker-thread.ts), which for a CSV export also formats the rows (platform/csv-format.ts) and
 * hands back ready bytes: the main thread only moves buffers to the socket.
 * - SQLite (a file): the worker reads on its own read-only connection. In WAL mode that reader neither
 *   waits for the writer nor makes it wait, and node:sqlite's synchronous stepping blocks the worker,
 *   not the server.
 * - PostgreSQL: the worker opens a connection of its own for the query (outside the app's pool, so up
 *   to `maxRunning` more connections) and reads it through a server-side cursor.
 * - SQLite ':memory:' (tests) cannot be opened by a second connection: the query streams on the app's
 *   own connection, which other queries then wait behind, and CSV is formatted on the main thread.
 *
 * Chunks come back one at a time: the worker prepares the next chunk only when the main thread has
 * taken the last one, so a slow client holds at most two chunks in memory (plus the socket's buffer).
 * `maxRunning` heavy reads run at once; the next one is refused at once with a 503 `server-busy`
 * problem and Retry-After (before any byte of the answer is sent), instead of queueing. Stopping the
 * iteration (a closed HTTP response) cancels the query in the worker and frees its connection.
 */
import { Worker } from 'node:worker_threads'
import type { CompiledQuery } from 'kysely'
import { type CsvField, formatCsv } from '../csv-format.ts'
import { AppError } from '../errors.ts'
import type { ReadReply, ReadRequest, ReadSource } from './read-worker-thread.ts'

/** A Kysely select query: compiled for a worker thread, or streamed on the app's own connection (':memory:'). */
export interface StreamableQuery<R> {
  compile(): CompiledQuery<R>
  stream(chunkSize?: number): AsyncIterableIterator<R>
}

export interface HeavyReads {
  /**
   * The rows of `query`, streamed off the event loop. Throws `server-busy` (503) at once when
   * `maxRunning` heavy reads are already running; the slot is held until the rows are read to the end
   * or the iteration stops (`return()`, as a closed HTTP response does).
   */
  stream<R>(query: StreamableQuery<R>, chunkRows?: number): AsyncIterableIterator<R>
  /**
   * The rows of `query` as CSV (platform/csv-format.ts: header line first, then `fields` of each row),
   * in chunks of ready bytes formatted off the event loop. Takes a slot like `stream`.
   */
  csv(query: StreamableQuery<unknown>, fields: readonly CsvField[], chunkRows?: number): AsyncIterableIterator<Buffer>
  /**
   * Holds a slot while `work` (heavy work that is not one query, in bounded slices that yield) is
   * iterated; throws `server-busy` at once like `stream`.
   */
  hold<R>(work: AsyncIterableIterator<R>): AsyncIterableIterator<R>
  /** Takes a slot for heavy work that is not one query; call the returned function when done. */
  acquire(): () => void
  /** `ahead`: chunks the workers have delivered that no reader has taken yet (at most one per read). */
  stats(): { running: number; maxRunning: number; threads: number; ahead: number }
  close(): Promise<void>
}

export interface HeavyReadOptions {
  /** The SQLite file worker threads open read-only. */
  sqlitePath?: string
  /** The PostgreSQL database worker threads connect to. Neither: rows stream on the app's own connection. */
  postgres?: { url: string; schema?: string; applicationName?: string }
  maxRunning: number
  /** Retry-After of the 503 when every slot is taken. */
  retryAfterSeconds?: number
}

export const heavyReadProblems = {
  'server-busy': {
    title: 'Server busy',
    description:
      'The server is at its limit of concurrent exports or its event loop is overloaded; retry after the number of seconds in Retry-After.',
  },
}

/** The 503 problem for load shedding (also used by the event-loop-delay guard in app.ts). */
export function serverBusy(detail: string, retryAfterSeconds: number, extras?: Record<string, unknown>): AppError {
  return new AppError('unavailable', 'server-busy', detail, extras, {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  })
}

const DEFAULT_CHUNK_ROWS = 1000

export function createHeavyReads(options: HeavyReadOptions): HeavyReads {
  const { maxRunning, retryAfterSeconds = 5 } = options
  const source: ReadSource | undefined = options.sqlitePath
    ? { kind: 'sqlite', path: options.sqlitePath }
    : options.postgres
      ? { kind: 'postgres', ...options.postgres }
      : undefined
  const idle: ReadThread[] = []
  const all = new Set<ReadThread>()
  let running = 0
  let sequence = 0
  let closed = false
  return {
    stream,
    csv,
    hold: (work) => releasing(work, acquire()),
    acquire,
    stats: () => ({ running, maxRunning, threads: all.size, ahead: [...all].reduce((n, t) => n + t.queued(), 0) }),
    close,
  }

  function acquire(): () => void {
    if (closed) throw serverBusy('The server is shutting down', retryAfterSeconds)
    if (running >= maxRunning) {
      throw serverBusy(`${maxRunning} exports are already running on this server`, retryAfterSeconds, { maxRunning })
    }
    running++
    let released = false
    return () => {
      if (released) return
      released = true
      running--
    }
  }

  function stream<R>(query: StreamableQuery<R>, chunkRows = DEFAULT_CHUNK_ROWS): AsyncIterableIterator<R> {
    const release = acquire()
    const rows = source === undefined ? query.stream(chunkRows) : inWorker<R>(query.compile(), chunkRows)
    return releasing(rows, release)
  }

  function csv(
    query: StreamableQuery<unknown>,
    fields: readonly CsvField[],
    chunkRows = DEFAULT_CHUNK_ROWS,
  ): AsyncIterableIterator<Buffer> {
    const release = acquire()
    const chunks =
      source === undefined
        ? csvHere(query.stream(chunkRows) as AsyncIterable<Record<string, unknown>>, fields, chunkRows)
        : inWorker<Buffer>(query.compile(), chunkRows, fields)
    return releasing(chunks, release)
  }

  /** Rows, or CSV chunks when `fields` is given, from a worker thread. */
  async function* inWorker<R>(
    compiled: CompiledQuery<unknown>,
    chunkRows: number,
    fields?: readonly CsvField[],
  ): AsyncGenerator<R> {
    const thread = take()
    const id = ++sequence
    const inbox = thread.expect(id)
    let finished = false
    try {
      thread.send({ type: 'open', id, sql: compiled.sql, parameters: compiled.parameters, chunkRows, csv: fields })
      while (!finished) {
        const reply = await inbox.next()
        if (reply.type === 'error') {
          finished = true
          throw new Error(`heavy read failed: ${reply.message}`)
        }
        finished = reply.done
        if (!finished) thread.send({ type: 'more', id }) // the worker reads ahead while this chunk goes out
        if (reply.type === 'csv') yield Buffer.from(reply.bytes) as R
        else yield* reply.rows as R[]
      }
    } finally {
      if (!finished) thread.send({ type: 'cancel', id })
      thread.expect(undefined)
      if (thread.broken || closed) void thread.worker.terminate().finally(() => all.delete(thread))
      else idle.push(thread)
    }
  }

  function take(): ReadThread {
    const thread = idle.pop()
    if (thread && !thread.broken) return thread
    const fresh = readThread(source as ReadSource)
    all.add(fresh)
    return fresh
  }

  async function close() {
    closed = true
    idle.length = 0
    await Promise.all([...all].map((thread) => thread.worker.terminate()))
    all.clear()
  }
}

/** CSV chunks formatted on this thread, for a database no worker can open (SQLite ':memory:'). */
async function* csvHere(
  rows: AsyncIterable<Record<string, unknown>>,
  fields: readonly CsvField[],
  chunkRows: number,
): AsyncGenerator<Buffer> {
  let header = true
  let batch: Record<string, unknown>[] = []
  for await (const row of rows) {
    batch.push(row)
    if (batch.length < chunkRows) continue
    yield Buffer.from(formatCsv(batch, fields, header))
    header = false
    batch = []
  }
  if (batch.length > 0 || header) yield Buffer.from(formatCsv(batch, fields, header))
}

/** Releases the slot however the iteration ends, including a `return()` before the first row. */
function releasing<R>(rows: AsyncIterableIterator<R>, release: () => void): AsyncIterableIterator<R> {
  return {
    next: async () => {
      try {
        const result = await rows.next()
        if (result.done) release()
        return result
      } catch (error) {
        release()
        throw error
      }
    },
    return: async (value?: unknown) => {
      try {
        return (await rows.return?.(value)) ?? { done: true, value: undefined }
      } finally {
        release()
      }
    },
    [Symbol.asyncIterator]() {
      return this
    },
  }
}

interface ReadThread {
  worker: Worker
  broken: boolean
  send(request: ReadRequest): void
  /** Routes the replies for job `id` (undefined: none) into the returned inbox. */
  expect(id: number | undefined): { next(): Promise<ReadReply> }
  /** Replies delivered and not yet taken. */
  queued(): number
}

function readThread(source: ReadSource): ReadThread {
  const worker = new Worker(new URL('./read-worker-thread.ts', import.meta.url), { workerData: source })
  worker.unref() // an idle reader never keeps the process alive
  let jobId: number | undefined
  let queue: ReadReply[] = []
  let waiting: { resolve: (reply: ReadReply) => void; reject: (error: Error) => void } | undefined
  let failure: Error | undefined
  const thread: ReadThread = {
    worker,
    broken: false,
    queued: () => queue.length,
    send: (request) => {
      if (!thread.broken) worker.postMessage(request)
    },
    expect(id) {
      jobId = id
      queue = []
      return {
        next: () => {
          const reply = queue.shift()
          if (reply) return Promise.resolve(reply)
          if (failure) return Promise.reject(failure)
          return new Promise((resolve, reject) => {
            waiting = { resolve, reject }
          })
        },
      }
    },
  }
  worker.on('message', (reply: ReadReply) => {
    if (reply.id !== jobId) return // a chunk prepared before a cancel
    if (waiting) {
      const { resolve } = waiting
      waiting = undefined
      resolve(reply)
    } else queue.push(reply)
  })
  const fail = (error: Error) => {
    thread.broken = true
    failure = error
    waiting?.reject(error)
    waiting = undefined
  }
  worker.on('error', fail)
  worker.on('exit', (code) => fail(new Error(`read worker exited (code ${code})`)))
  return thread
}
