/**
 * CSV answers. Small reports render in one go (`sendCsv`); exports stream ready bytes (`streamCsv`):
 * chunks are pulled from an async iterable only as fast as the client reads (Readable.from carries the
 * backpressure), so memory stays flat however many rows there are.
 *
 * Where export chunks come from: `reads.csv(query, fields)` (`platform/db/read-worker.ts`) reads and
 * formats in a worker thread, so the event loop only moves buffers. `keysetPages` reads a Kysely query
 * page by page (`where key > last order by key limit n`) for paged reads on the main thread.
 *
 * Every CSV uses the same options (platform/csv-format.ts): CRLF line ends, and cells that start like a
 * spreadsheet formula (= + - @) escaped (CSV injection).
 */
import { Readable } from 'node:stream'
import { stringify as stringifySync } from 'csv-stringify/sync'
import type { FastifyReply } from 'fastify'
import { CSV_OPTIONS } from '../csv-format.ts'

/** A column: the header text and how to read the cell from a row. */
export interface CsvColumn<R> {
  header: string
  value: (row: R) => string | number | boolean | null | undefined
}

/** Renders rows as CSV text (header line first, CRLF line ends as RFC 4180 says). */
export function toCsv<R>(rows: Iterable<R>, columns: readonly CsvColumn<R>[]): string {
  return stringifySync(
    Array.from(rows, (row) => columns.map((c) => c.value(row))),
    {
      ...CSV_OPTIONS,
      header: true,
      columns: columns.map((c) => c.header),
    },
  )
}

/** Sends a small CSV document (a report) with a download file name. */
export function sendCsv<R>(reply: FastifyReply, filename: string, rows: Iterable<R>, columns: readonly CsvColumn<R>[]) {
  reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(filename))
  return reply.send(toCsv(rows, columns))
}

/**
 * Streams CSV `chunks` (from `reads.csv`) into the reply, the next chunk pulled only once the client
 * has taken the last. A failure half-way (the database goes away) cannot become a problem document any
 * more: the status line is gone, so the response is cut short and the error logged. When the client
 * goes away, Fastify destroys the stream, which stops the iteration (and the read behind it).
 */
export function streamCsv(reply: FastifyReply, filename: string, chunks: AsyncIterable<Buffer>) {
  const body = Readable.from(chunks, { objectMode: false, highWaterMark: 64 * 1024 })
  body.on('error', (error) => reply.log.warn({ err: error }, 'CSV export ended early'))
  reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(filename))
  return reply.send(body)
}

/**
 * Reads a keyset-paginated query page by page: `page(after, limit)` returns the rows following `after`
 * (undefined for the first page) in key order. Only one page is held in memory at a time.
 */
export async function* keysetPages<R>(
  page: (after: R | undefined, limit: number) => Promise<R[]>,
  pageSize = 2000,
): AsyncGenerator<R> {
  let after: R | undefined
  while (true) {
    const rows = await page(after, pageSize)
    for (const row of rows) yield row
    if (rows.length < pageSize) return
    after = rows[rows.length - 1]
  }
}

function attachment(filename: string): string {
  return `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`
}
