/**
 * CSV answers. Small reports render in one go (`sendCsv`); exports stream (`streamCsv`): rows are
 * pulled from an async iterable only as fast as the client reads (Readable.from + pipeline carry the
 * backpressure), so memory stays flat however many rows there are.
 *
 * Where rows come from: `keysetPages` reads a Kysely query page by page (`where key > last order by
 * key limit n`). It is used instead of `query.stream()` because on SQLite a stream holds the one
 * connection for the whole download (every other request would wait behind a slow client), and on
 * PostgreSQL `.stream()` needs the pg-cursor package; short keyset pages release the connection between
 * pages on both. A `query.stream()` iterable works with `streamCsv` as well where that is acceptable.
 *
 * Cells that start like a spreadsheet formula (= + - @) are escaped (`escape_formulas`): exports carry
 * customer-typed text (search queries, names) and must not run as formulas when opened (CSV injection).
 */
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { stringify } from 'csv-stringify'
import { stringify as stringifySync } from 'csv-stringify/sync'
import type { FastifyReply } from 'fastify'

/** A column: the header text and how to read the cell from a row. */
export interface CsvColumn<R> {
  header: string
  value: (row: R) => string | number | boolean | null | undefined
}

const OPTIONS = { header: true, escape_formulas: true, record_delimiter: 'windows' } as const

/** Renders rows as CSV text (header line first, CRLF line ends as RFC 4180 says). */
export function toCsv<R>(rows: Iterable<R>, columns: readonly CsvColumn<R>[]): string {
  return stringifySync(
    Array.from(rows, (row) => columns.map((c) => c.value(row))),
    {
      ...OPTIONS,
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
 * Streams `rows` as CSV into the reply. A failure half-way (the database goes away) cannot become a
 * problem document any more: the status line is gone, so the response is cut short and the error logged.
 */
export function streamCsv<R>(
  reply: FastifyReply,
  filename: string,
  rows: AsyncIterable<R>,
  columns: readonly CsvColumn<R>[],
) {
  const cells = new Transform({
    objectMode: true,
    transform(row: R, _encoding, done) {
      done(
        null,
        columns.map((c) => c.value(row)),
      )
    },
  })
  const csv = stringify({ ...OPTIONS, columns: columns.map((c) => c.header) })
  pipeline(Readable.from(rows, { highWaterMark: 256 }), cells, csv).catch((error: unknown) => {
    reply.log.error({ err: error }, 'CSV export failed mid-stream')
  })
  reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(filename))
  return reply.send(csv)
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
