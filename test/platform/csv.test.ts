import assert from 'node:assert/strict'
import { test } from 'node:test'
import { csvChunks, keysetPages, toCsv } from '../../src/platform/http/csv.ts'

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

test('csvChunks: header first, batches of rows, header alone when empty', async () => {
  async function* rows(n: number) {
    for (let i = 0; i < n; i++) yield { n: i }
  }
  const columns = [{ header: 'n', value: (r: { n: number }) => r.n }]
  const chunks: string[] = []
  for await (const chunk of csvChunks(rows(5), columns, 2)) chunks.push(chunk)
  assert.deepEqual(chunks, ['n\r\n0\r\n1\r\n', '2\r\n3\r\n', '4\r\n'])
  const empty: string[] = []
  for await (const chunk of csvChunks(rows(0), columns)) empty.push(chunk)
  assert.deepEqual(empty, ['n\r\n'])
})
