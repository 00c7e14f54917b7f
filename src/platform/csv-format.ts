/**
 * How every CSV of the API is written (csv-stringify): a header line, CRLF line ends (RFC 4180), and
 * cells that start like a spreadsheet formula (= + - @, tab, CR) prefixed with `'` (`escape_formulas`):
 * exports carry customer-typed text (search queries, names, emails) and must not run as formulas when
 * opened (CSV injection).
 *
 * Exports describe their columns as data (`CsvField`) rather than functions, because they are
 * formatted where the rows are read: in a worker thread (platform/db/read-worker-thread.ts), or on the
 * main thread when no worker can open the database. Both call `formatCsv`, so the bytes are the same.
 * This file imports nothing but csv-stringify: the worker thread loads it.
 */
import { stringify } from 'csv-stringify/sync'

/** The options of every CSV the API writes. */
export const CSV_OPTIONS = { escape_formulas: true, record_delimiter: 'windows' } as const

/**
 * A column of an export: its header, the result column it reads, and how the value is written:
 * as it comes (text and numbers; money in integer minor units, null empty), `time` (epoch
 * milliseconds as ISO 8601 UTC, null empty) or `count` (a number, null as 0).
 */
export interface CsvField {
  header: string
  column: string
  as?: 'time' | 'count'
}

/** CSV text of `rows` (objects keyed by result column), with the header line first when `header`. */
export function formatCsv(
  rows: readonly Record<string, unknown>[],
  fields: readonly CsvField[],
  header: boolean,
): string {
  const records = rows.map((row) => fields.map((field) => cell(row[field.column], field.as)))
  return stringify(records, { ...CSV_OPTIONS, header, columns: fields.map((f) => f.header) })
}

function cell(value: unknown, as: CsvField['as']): unknown {
  if (as === 'time') return value === null || value === undefined ? null : new Date(Number(value)).toISOString()
  if (as === 'count') return Number(value ?? 0)
  return value
}
