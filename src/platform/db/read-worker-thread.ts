/**
 * The worker-thread side of read-worker.ts: one streamed query at a time, read AND, for a CSV export,
 * formatted here (platform/csv-format.ts), so the main thread only moves ready bytes to the socket.
 *
 * - SQLite: one read-only connection for the thread's life. A statement left open holds one WAL read
 *   snapshot: the export is consistent, and writers do not wait.
 * - PostgreSQL: a connection of its own per query (not one of the app's pool), read through a
 *   server-side cursor (pg-cursor) and closed when the query ends or is cancelled.
 *
 * It answers `open` with the first chunk and then one chunk per `more`, so it never runs more than a
 * chunk ahead of the HTTP client (back-pressure); `cancel` ends the statement (and its connection).
 * Messages are handled strictly in order, one at a time, though reading PostgreSQL is asynchronous.
 * CSV chunks travel as transferred ArrayBuffers: no copy, no structured clone of rows.
 */
import { DatabaseSync } from 'node:sqlite'
import { parentPort, workerData } from 'node:worker_threads'
import pg from 'pg'
import Cursor from 'pg-cursor'
import { type CsvField, formatCsv } from '../csv-format.ts'
import { pgTypes } from './pg-types.ts'
import { bind } from './sqlite.ts'

/** Where a read worker reads: given once, as workerData. */
export type ReadSource =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string; schema?: string; applicationName?: string }

/** What the main thread sends. With `csv`, the worker answers CSV bytes (header first) instead of rows. */
export type ReadRequest =
  | {
      type: 'open'
      id: number
      sql: string
      parameters: readonly unknown[]
      chunkRows: number
      csv?: readonly CsvField[]
    }
  | { type: 'more'; id: number }
  | { type: 'cancel'; id: number }

/** What the worker answers: a chunk of rows or of CSV bytes (the last one has `done`), or the query's error. */
export type ReadReply =
  | { type: 'rows'; id: number; rows: unknown[]; done: boolean }
  | { type: 'csv'; id: number; bytes: ArrayBuffer; done: boolean }
  | { type: 'error'; id: number; message: string }

/** The default application_name of a worker's PostgreSQL connection (visible in pg_stat_activity). */
export const WORKER_APPLICATION_NAME = 'backroom-heavy-read'

interface Rows {
  /** Up to `n` rows; fewer means the end. */
  read(n: number): unknown[] | Promise<unknown[]>
  close(): void | Promise<void>
}

const port = parentPort
if (!port) throw new Error('read-worker-thread.ts runs as a worker thread')
const source = workerData as ReadSource
const sqlite = source.kind === 'sqlite' ? openSqliteReader(source.path) : undefined
const encoder = new TextEncoder()

let current: { id: number; rows: Rows; chunkRows: number; csv?: readonly CsvField[]; header: boolean } | undefined
let inbox: Promise<void> = Promise.resolve()

port.on('message', (message: ReadRequest) => {
  inbox = inbox.then(() => handle(message)).catch(() => {})
})

async function handle(message: ReadRequest) {
  if (message.type === 'open') {
    await closeCurrent()
    try {
      const rows = await open(message.sql, message.parameters)
      current = { id: message.id, rows, chunkRows: message.chunkRows, csv: message.csv, header: true }
    } catch (error) {
      return post({ type: 'error', id: message.id, message: (error as Error).message })
    }
    return sendChunk()
  }
  if (message.id !== current?.id) return // a job that already ended
  if (message.type === 'more') return sendChunk()
  await closeCurrent()
}

async function sendChunk() {
  const job = current
  if (!job) return
  try {
    if (!job.csv) {
      const rows = await job.rows.read(job.chunkRows)
      const done = rows.length < job.chunkRows
      if (done) await closeCurrent()
      return post({ type: 'rows', id: job.id, rows, done })
    }
    const rows = (await job.rows.read(job.chunkRows)) as Record<string, unknown>[]
    const done = rows.length < job.chunkRows
    const text = formatCsv(rows, job.csv, job.header)
    job.header = false
    if (done) await closeCurrent()
    const bytes = encoder.encode(text).buffer as ArrayBuffer // its own buffer, handed over without a copy
    port?.postMessage({ type: 'csv', id: job.id, bytes, done } satisfies ReadReply, [bytes])
  } catch (error) {
    await closeCurrent()
    post({ type: 'error', id: job.id, message: (error as Error).message })
  }
}

async function closeCurrent() {
  const job = current
  current = undefined
  try {
    await job?.rows.close()
  } catch {
    // the query already failed or its connection is gone: nothing left to free
  }
}

function open(sql: string, parameters: readonly unknown[]): Rows | Promise<Rows> {
  if (sqlite) {
    const iterator = sqlite.prepare(sql).iterate(...bind(parameters))
    return {
      read(n) {
        const rows: unknown[] = []
        while (rows.length < n) {
          const next = iterator.next()
          if (next.done) break
          rows.push(next.value)
        }
        return rows
      },
      close: () => {
        iterator.return?.()
      },
    }
  }
  return openPostgres(source as Extract<ReadSource, { kind: 'postgres' }>, sql, parameters)
}

async function openPostgres(
  target: Extract<ReadSource, { kind: 'postgres' }>,
  sql: string,
  parameters: readonly unknown[],
) {
  const client = new pg.Client({
    connectionString: target.url,
    types: pgTypes,
    application_name: target.applicationName ?? WORKER_APPLICATION_NAME,
    ...(target.schema ? { options: `-c search_path=${target.schema},public` } : {}),
  })
  let failure: Error | undefined
  client.on('error', (error) => {
    failure = error // reported by the next read; an unhandled 'error' event would end the thread
  })
  await client.connect()
  const cursor = client.query(new Cursor(sql, [...parameters], { types: pgTypes }))
  let closed = false
  return {
    async read(n: number) {
      if (failure) throw failure
      return (await cursor.read(n)) as unknown[]
    },
    async close() {
      if (closed) return
      closed = true
      try {
        if (!failure) await cursor.close()
      } finally {
        await client.end()
      }
    },
  } satisfies Rows
}

function openSqliteReader(path: string): DatabaseSync {
  const db = new DatabaseSync(path, { readOnly: true })
  db.exec('PRAGMA busy_timeout = 5000')
  db.exec('PRAGMA cache_size = -16384') // 16 MiB: a scan needs little cache
  return db
}

function post(reply: ReadReply) {
  port?.postMessage(reply)
}
