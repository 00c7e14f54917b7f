/**
 * Import uploads: a multipart form's file (its name kept with the job, sanitised), JSON read as a
 * stream (line numbers, malformed JSON a 400, NUL refused), JSON Lines, and the size limit; the pure
 * parts (parseImport over awkward chunkings, sanitizeFileName) directly.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseImport } from '../../../src/modules/catalog/import-parse.ts'
import { readUpload, sanitizeFileName } from '../../../src/modules/catalog/import-upload.ts'
import { eventually, testApp } from '../../helpers.ts'
import { makeCategory, staffHeaders } from './fixtures.ts'

const CSV = 'handle,title,status,categories,sku,price_EUR\nform-mug,Form mug,published,clothing,FORM-1,900\n'

/** A multipart/form-data body with one part; `filename` as given (raw bytes, not escaped), or none. */
function form(content: string, filename: string | null, type = 'application/octet-stream', field = 'file') {
  const boundary = '----backroom-test-boundary'
  const disposition = `form-data; name="${field}"${filename === null ? '' : `; filename="${filename}"`}`
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\ncontent-disposition: ${disposition}\r\ncontent-type: ${type}\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { body, type: `multipart/form-data; boundary=${boundary}` }
}

test('import uploads', async (t) => {
  const app = await testApp(t)
  const staff = await staffHeaders(app)
  await makeCategory(app, staff, 'clothing')
  const post = (url: string, payload: string | Buffer, type: string, headers = staff) =>
    app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': type }, payload })
  const finished = async (id: string) => {
    let job: Record<string, any> = {}
    await eventually(async () => {
      job = (await app.inject({ url: `/admin/catalog/imports/${id}`, headers: staff })).json()
      return job.status === 'succeeded' || job.status === 'failed'
    })
    return job
  }

  await t.test('a form file: the job keeps its name and shows it in the list', async () => {
    const { body, type } = form(CSV, 'summer catalog.csv')
    const res = await post('/admin/catalog/imports', body, type)
    assert.equal(res.statusCode, 202, res.body)
    assert.equal(res.json().fileName, 'summer catalog.csv')
    assert.equal(res.json().format, 'csv')
    const done = await finished(res.json().id)
    assert.equal(done.status, 'succeeded', JSON.stringify(done))
    assert.equal(done.fileName, 'summer catalog.csv')
    const list = (await app.inject({ url: '/admin/catalog/imports?limit=1', headers: staff })).json()
    assert.equal(list.items[0].fileName, 'summer catalog.csv')
    assert.equal((await app.inject({ url: '/store/products/form-mug' })).statusCode, 200)
  })

  await t.test('the name loses path components and control characters, and is capped at 255', async () => {
    const json = JSON.stringify([{ handle: 'form-json', title: 'Form JSON', variants: [{ sku: 'FJ-1', prices: [] }] }])
    for (const [sent, kept] of [
      ['../../etc/passwd.json', 'passwd.json'],
      ['C:\\Users\\ann\\Desktop\\cat.json', 'cat.json'],
      ['ca\u0007t\u001b\u202e.json', 'cat.json'],
      [`${'é'.repeat(300)}.json`, 'é'.repeat(255)],
    ] as const) {
      const { body, type } = form(json, sent, 'application/json')
      const res = await post('/admin/catalog/imports?dryRun=true', body, type)
      assert.equal(res.statusCode, 202, `${sent}: ${res.body}`)
      assert.equal(res.json().fileName, kept)
      assert.equal((await finished(res.json().id)).fileName, kept)
    }
  })

  await t.test('no name: a raw body, or a form file part with an empty filename', async () => {
    const raw = await post('/admin/catalog/imports?dryRun=true', CSV, 'text/csv')
    assert.equal(raw.statusCode, 202, raw.body)
    assert.equal(raw.json().fileName, null)
    const { body, type } = form(CSV, '', 'text/csv')
    const res = await post('/admin/catalog/imports?dryRun=true', body, type)
    assert.equal(res.statusCode, 202, res.body)
    assert.equal(res.json().fileName, null)
    assert.equal((await finished(res.json().id)).status, 'succeeded')
  })

  await t.test('a form without a file part is a 400; an unknown file type a 415', async () => {
    const noFile = form(CSV, null, 'text/plain', 'note')
    const res = await post('/admin/catalog/imports', noFile.body, noFile.type)
    assert.equal(res.statusCode, 400, res.body)
    assert.equal(res.json().code, 'import-file-missing')
    const odd = form(CSV, 'catalog.xlsx')
    const refused = await post('/admin/catalog/imports', odd.body, odd.type)
    assert.equal(refused.statusCode, 415, refused.body)
    assert.equal(refused.json().code, 'unsupported-import-format')
  })

  await t.test('the synchronous import takes a form file too', async () => {
    const { body, type } = form(CSV.replace('900', '950'), 'again.csv')
    const res = await post('/admin/catalog/import', body, type)
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(res.json().products, { created: 0, updated: 1 })
  })

  await t.test('JSON Lines: one product per line, errors name the line', async () => {
    const line = (handle: string, title: string) =>
      JSON.stringify({
        handle,
        title,
        variants: [{ sku: handle.toUpperCase(), prices: [{ currency: 'EUR', amount: 100 }] }],
      })
    const jsonl = `${line('lines-a', 'A')}\n\n${line('lines-b', '')}\n${line('lines-c', 'C')}`
    const bad = await post('/admin/catalog/import', jsonl, 'application/x-ndjson')
    assert.equal(bad.statusCode, 422, bad.body)
    assert.deepEqual([...new Set(bad.json().rows.map((r: { line: number }) => r.line))], [3])
    const { body, type } = form(
      `${line('lines-a', 'A')}\n\n${line('lines-b', 'B')}\r\n${line('lines-c', 'C')}\n`,
      'x.jsonl',
    )
    const job = await post('/admin/catalog/imports', body, type)
    assert.equal(job.statusCode, 202, job.body)
    assert.equal(job.json().format, 'jsonl')
    const done = await finished(job.json().id)
    assert.deepEqual(done.result.products, { created: 3, updated: 0 }, JSON.stringify(done))
    const broken = await post('/admin/catalog/import', `${line('lines-d', 'D')}\n{"handle":`, 'application/x-ndjson')
    assert.equal(broken.statusCode, 400, broken.body)
    assert.equal(broken.json().code, 'malformed-body')
    assert.match(broken.json().detail, /line 2/)
  })

  await t.test('malformed JSON is a 400 naming the line; NUL is refused; nothing is written', async () => {
    const res = await post(
      '/admin/catalog/import',
      '[\n{"handle": "m-1", "title": "M"},\n{"handle" "m-2"}\n]',
      'application/json',
    )
    assert.equal(res.statusCode, 400, res.body)
    assert.equal(res.json().code, 'malformed-body')
    assert.match(res.json().detail, /line 3/)
    const nul = JSON.stringify([{ handle: 'nul', title: 'a\u0000b', variants: [] }])
    const refused = await post('/admin/catalog/imports', nul, 'application/json')
    assert.equal(refused.statusCode, 400, refused.body)
    assert.equal(refused.json().code, 'validation-failed')
    assert.equal(refused.json().errors[0].pointer, '/0/title')
    assert.equal((await app.inject({ url: '/store/products/m-1' })).statusCode, 404)
  })
})

/** `text` cut into pieces of `size` bytes (so UTF-8 characters and lines are split across chunks). */
async function* chunks(text: string, size: number) {
  const bytes = Buffer.from(text)
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

test('parseImport reads JSON a piece at a time and keeps each product’s line', async () => {
  const text =
    '\ufeff[\n {"handle": "a", "title": "x,{ ü"},\n\n {"handle": "b", "variants": [1,\n2]},\n  {"handle": "c"}\n]'
  for (const size of [1, 2, 3, 7, 1024]) {
    const parsed = await parseImport(chunks(text, size), 'json')
    assert.deepEqual(parsed.errors, [], `size ${size}`)
    assert.deepEqual(
      parsed.candidates.map((c) => [c.line, c.body.handle]),
      [
        [2, 'a'],
        [4, 'b'],
        [6, 'c'],
      ],
      `size ${size}`,
    )
    assert.equal(parsed.candidates[0].body.title, 'x,{ ü')
  }
  assert.deepEqual((await parseImport('[]', 'json')).candidates, [])
  assert.match((await parseImport('{"items": []}', 'json')).errors[0].message, /must be an array/)
  for (const bad of ['', '[{"a": 1}', '[{"a": 1},]', '[1] x']) {
    const parsed = await parseImport(chunks(bad, 2), 'json')
    assert.ok(parsed.malformed, `${JSON.stringify(bad)}: ${JSON.stringify(parsed)}`)
    assert.equal(parsed.candidates.length, 0)
  }
})

test('readUpload refuses more than its limit with a 413 problem', async () => {
  await assert.rejects(readUpload(chunks('x'.repeat(5000), 1000), 'csv', null, 4096), { code: 'payload-too-large' })
  const upload = await readUpload(chunks('handle,sku\na,A\n', 4), 'csv', 'a.csv', 4096)
  assert.equal(upload.bytes, 15)
  assert.deepEqual(Object.keys(upload.toJSON()), ['format', 'fileName', 'bytes', 'digest'])
  assert.equal(upload.take().candidates.length, 1)
})

test('sanitizeFileName', () => {
  assert.equal(sanitizeFileName('catalog.csv'), 'catalog.csv')
  assert.equal(sanitizeFileName('/tmp/x/../catalog.csv'), 'catalog.csv')
  assert.equal(sanitizeFileName('a\\b\\c.json'), 'c.json')
  assert.equal(sanitizeFileName(' \u0000\t '), null)
  assert.equal(sanitizeFileName('..'), null)
  assert.equal(sanitizeFileName(undefined), null)
  assert.equal(sanitizeFileName(''), null)
  assert.equal(sanitizeFileName('x\u202egpj.exe'), 'xgpj.exe')
  const long = sanitizeFileName(`${'😀'.repeat(300)}.csv`)!
  assert.equal(Array.from(long).length, 255)
  assert.ok(long.isWellFormed())
})
