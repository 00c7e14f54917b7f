/**
 * The worker-thread side of read-worker.ts: one read-only SQLite connection, one streamed query at a
 * time. It answers `open` with the first chunk of rows and then one chunk per `more`, so it never runs
 * more than a chunk ahead of the HTTP client (back-pressure); `cancel` ends the statement. A
 * statement left open holds one WAL read snapshot: the export is consistent, and writers do not wait.
 */
import { DatabaseSync } from 'node:sqlite'
import { parentPort, workerData } from 'node:worker_threads'
import { bind } from './sqlite.ts'

/** What the main thread sends. */
export type ReadRequest =
  | { type: 'open'; id: number; sql: string; parameters: readonly unknown[]; chunkRows: number }
  | { type: 'more'; id: number }
  | { type: 'cancel'; id: number }

/** What the worker answers: a chunk of rows (the last one has `done`), or the query's error. */
export type ReadReply =
  | { type: 'rows'; id: number; rows: unknown[]; done: boolean }
  | { type: 'error'; id: number; message: string }

const port = parentPort
if (!port) throw new Error('read-worker-thread.ts runs as a worker thread')
const db = new DatabaseSync((workerData as { path: string }).path, { readOnly: true })
db.exec('PRAGMA busy_timeout = 5000')
db.exec('PRAGMA cache_size = -16384') // 16 MiB: a scan needs little cache

let current: { id: number; rows: Iterator<unknown>; chunkRows: number } | undefined

port.on('message', (message: ReadRequest) => {
  if (message.type === 'open') {
    current?.rows.return?.()
    try {
      const rows = db.prepare(message.sql).iterate(...bind(message.parameters))
      current = { id: message.id, rows, chunkRows: message.chunkRows }
    } catch (error) {
      current = undefined
      return post({ type: 'error', id: message.id, message: (error as Error).message })
    }
    sendChunk()
  } else if (message.id === current?.id) {
    if (message.type === 'more') sendChunk()
    else {
      current.rows.return?.()
      current = undefined
    }
  }
})

function sendChunk() {
  if (!current) return
  const { id, rows: iterator, chunkRows } = current
  const rows: unknown[] = []
  try {
    while (rows.length < chunkRows) {
      const next = iterator.next()
      if (next.done) {
        current = undefined
        return post({ type: 'rows', id, rows, done: true })
      }
      rows.push(next.value)
    }
  } catch (error) {
    current = undefined
    return post({ type: 'error', id, message: (error as Error).message })
  }
  post({ type: 'rows', id, rows, done: false })
}

function post(reply: ReadReply) {
  port?.postMessage(reply)
}
