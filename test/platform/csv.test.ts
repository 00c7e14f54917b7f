import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatCsv } from '../../src/platform/csv-format.ts'
import { keysetPages, toCsv } from '../../src/platform/http/csv.ts'

test('toCsv quotes, uses CRLF and defuses spreadsheet formulas', () => {
  const csv = toCsv(
    [
      { q: 'plain', n: 1 },
      { q: 'a, "quoted" one', n: 2 },
      { q: '=HYPERLINK("http://evil")', n: 3 },
      { q: null, n: -4 },
    ],
    [
      { header: 'q', value: (r) => r.q },
      { header: 'n', value: (r) => r.n },
    ],
  )
  assert.equal(csv, 'q,n\r\nplain,1\r\n"a, ""quoted"" one",2\r\n"\'=HYPERLINK(""http://evil"")",3\r\n,-4\r\n')
})

test('keysetPages reads page by page until a short page', async () => {
  const data = Array.from({ length: 23 }, (_, i) => ({ id: i }))
  const calls: (number | undefined)[] = []
  const page = async (after: { id: number } | undefined, limit: number) => {
    calls.push(after?.id)
    return data.filter((r) => r.id > (after?.id ?? -1)).slice(0, limit)
  }
  const seen: number[] = []
  for await (const row of keysetPages(page, 5)) seen.push(row.id)
  assert.deepEqual(
    seen,
    data.map((r) => r.id),
  )
  assert.deepEqual(calls, [undefined, 4, 9, 14, 19])
})

test('formatCsv: the header only when asked, null and counts, ISO times, formulas escaped', () => {
  const fields = [
    { header: 'q', column: 'q' },
    { header: 'at', column: 'at', as: 'time' },
    { header: 'n', column: 'n', as: 'count' },
  ] as const
  assert.equal(formatCsv([], fields, true), 'q,at,n\r\n')
  assert.equal(formatCsv([], fields, false), '')
  assert.equal(
    formatCsv(
      [
        { q: '@x', at: 0, n: 7 },
        { q: null, at: null, n: null },
      ],
      fields,
      false,
    ),
    "'@x,1970-01-01T00:00:00.000Z,7\r\n,,0\r\n",
  )
})
