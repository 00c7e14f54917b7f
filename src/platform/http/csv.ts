/**
 * CSV answers, through csv-stringify. Small reports render in one go (`sendCsv`); exports stream
 * (`streamCsv`): rows are pulled from an async iterable only as fast as the client reads (Readable.from
 * carries the backpressure), so memory stays flat however many rows there are.
 *
 * Where rows come from: exports stream one query through `platform/db/read-worker.ts` (a worker thread
 * on SQLite, a cursor on PostgreSQL, a bound on how many run at once). `keysetPages` reads a Kysely
 * query page by page (`where key > last order by key limit n`) for paged reads on the main thread.
 *
 * Cells that start like a spreadsheet formula (= + - @) are escaped (`escape_formulas`): exports carry
 * customer-typed text (search queries, names) and must not run as formulas when opened (CSV injection).
 */
import { Readable } from 'node:stream'
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
 * Streams `rows` as CSV into the reply. Rows are stringified a batch at a time (one socket write per
 * batch instead of one per row), and the next batch is only pulled once the client has taken the last.
 * A failure half-way (the database goes away) cannot become a problem document any more: the status
 * line is gone, so the response is cut short and the error logged.
 */
export function streamCsv<R>(
  reply: FastifyReply,
  filename: string,
  rows: AsyncIterable<R>,
  columns: readonly CsvColumn<R>[],
  batchSize = 1000,
) {
  const body = Readable.from(csvChunks(rows, columns, batchSize), { objectMode: false, highWaterMark: 64 * 1024 })
  body.on('error', (error) => reply.log.warn({ err: error }, 'CSV export ended early'))
  reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(filename))
  return reply.send(body)
}

/** CSV text in batches of `batchSize` rows, the header first (alone when there are no rows). */
export async function* csvChunks<R>(
  rows: AsyncIterable<R>,
  columns: readonly CsvColumn<R>[],
  batchSize = 1000,
): AsyncGenerator<string> {
  const headers = columns.map((c) => c.header)
  let header = true
  let batch: unknown[][] = []
  const flush = () => {
    const text = stringifySync(batch, { ...OPTIONS, header, columns: headers })
    header = false
    batch = []
    return text
  }
  for await (const row of rows) {
    batch.push(columns.map((c) => c.value(row)))
    if (batch.length >= batchSize) yield flush()
  }
  if (batch.length > 0 || header) yield flush()
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
