/**
 * Catalog import jobs (POST /admin/catalog/imports, GET …/{id}, GET …): 202 and Location, progress
 * through validating and writing to succeeded, row errors with nothing written, who may, the stale-job
 * rule, and `done` moving only with what has committed (batches of 2 and a pause after each).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ImportJobOptions } from '../../../src/modules/catalog/import-jobs.ts'
import type { App } from '../../../src/platform/http/types.ts'
import { eventually, headersFor, sharedDatabase, testApp } from '../../helpers.ts'
import { makeCategory, staffHeaders } from './fixtures.ts'

/** `n` products with one variant each, as CSV. */
function csvOf(n: number, prefix = 'job'): string {
  const rows = Array.from(
    { length: n },
    (_, i) => `${prefix}-${i},Job ${i},published,clothing,${prefix.toUpperCase()}-${i},${100 + i}`,
  )
  return `handle,title,status,categories,sku,price_EUR\n${rows.join('\n')}\n`
}

interface Job {
  id: string
  status: string
  dryRun: boolean
  progress: { done: number; total: number }
  result: { products: { created: number; updated: number }; variants: number } | null
  errorCount: number
  errors: { line: number; field: string; message: string }[]
  failure: { reason: string; detail: string } | null
  createdAt: number
  startedAt: number | null
  updatedAt: number
  finishedAt: number | null
}

async function setUp(t: { after: (fn: () => Promise<void>) => void }, importJobs: ImportJobOptions = {}) {
  const app = await testApp(t, {}, { importJobs })
  const staff = await staffHeaders(app)
  await makeCategory(app, staff, 'clothing')
  const upload = (body: string, type = 'text/csv', headers: Record<string, string> = staff, query = '') =>
    app.inject({
      method: 'POST',
      url: `/admin/catalog/imports${query}`,
      headers: { ...headers, 'content-type': type },
      payload: body,
    })
  const job = async (id: string): Promise<Job> => {
    const res = await app.inject({ url: `/admin/catalog/imports/${id}`, headers: staff })
    assert.equal(res.statusCode, 200, res.body)
    return res.json()
  }
  const finished = async (id: string): Promise<Job> => {
    let last: Job | undefined
    await eventually(async () => {
      last = await job(id)
      return last.status === 'succeeded' || last.status === 'failed'
    })
    return last!
  }
  return { app, staff, upload, job, finished, count: () => productCount(app, staff) }
}

async function productCount(app: App, staff: Record<string, string>): Promise<number> {
  return (await app.inject({ url: '/admin/products?limit=100', headers: staff })).json().items.length
}

test('catalog import jobs', async (t) => {
  const { app, staff, upload, finished, count } = await setUp(t)

  await t.test('202 with Location; the job runs to succeeded with its counts', async () => {
    const res = await upload(csvOf(3))
    assert.equal(res.statusCode, 202, res.body)
    const queued = res.json() as Job
    assert.equal(res.headers.location, `/admin/catalog/imports/${queued.id}`)
    assert.equal(queued.status, 'queued')
    assert.deepEqual(queued.progress, { done: 0, total: 0 })
    const done = await finished(queued.id)
    assert.equal(done.status, 'succeeded', JSON.stringify(done))
    assert.deepEqual(done.result, { products: { created: 3, updated: 0 }, variants: 3 })
    assert.deepEqual(done.progress, { done: 3, total: 3 })
    assert.equal(done.failure, null)
    assert.ok(done.startedAt !== null && done.finishedAt !== null && done.finishedAt >= done.startedAt)
    assert.equal((await app.inject({ url: '/store/products/job-2' })).json().variants[0].sku, 'JOB-2')
    assert.equal(await count(), 3)
  })

  await t.test('a re-import updates by handle and SKU; JSON bodies too', async () => {
    const res = await upload(csvOf(4))
    assert.deepEqual((await finished(res.json().id)).result, { products: { created: 1, updated: 3 }, variants: 4 })
    const json = JSON.stringify([
      { handle: 'json-job', title: 'JSON job', variants: [{ sku: 'JJ-1', prices: [{ currency: 'EUR', amount: 5 }] }] },
    ])
    const done = await finished((await upload(json, 'application/json')).json().id)
    assert.equal(done.status, 'succeeded')
    assert.deepEqual(done.result?.products, { created: 1, updated: 0 })
  })

  await t.test('a dry run validates and writes nothing', async () => {
    const res = await upload(csvOf(6), 'text/csv', staff, '?dryRun=true')
    assert.equal(res.statusCode, 202)
    const done = await finished(res.json().id)
    assert.equal(done.dryRun, true)
    assert.deepEqual(done.result, { products: { created: 2, updated: 4 }, variants: 6 })
    assert.equal(await count(), 5)
  })

  await t.test('an invalid file fails with every row error and writes nothing', async () => {
    const bad = `handle,title,sku,price_EUR,categories
fine-one,Fine,FINE-1,100,
fine-one,,FINE-2,12.50,
Bad Handle,Bad,BAD-1,100,
ghost,Ghost,GH-1,100,nowhere
`
    const res = await upload(bad)
    assert.equal(res.statusCode, 202)
    const failed = await finished(res.json().id)
    assert.equal(failed.status, 'failed')
    assert.equal(failed.failure?.reason, 'invalid-rows')
    assert.match(failed.failure?.detail ?? '', /nothing was imported/)
    assert.equal(failed.result, null)
    assert.equal(failed.errorCount, failed.errors.length)
    const at = (line: number) => failed.errors.filter((e) => e.line === line).map((e) => e.field)
    assert.deepEqual(at(3), ['price_EUR'])
    assert.ok(at(4).includes('handle'))
    assert.deepEqual(at(5), ['categories'])
    assert.ok(failed.errors.every((e) => typeof e.message === 'string' && e.message.length > 0))
    assert.equal(await count(), 5)
    assert.equal((await app.inject({ url: '/store/products/fine-one' })).statusCode, 404)
  })

  await t.test('the same Idempotency-Key answers the first job (with its Location) instead of a second', async () => {
    const headers = { ...staff, 'idempotency-key': 'import-once' }
    const first = await upload(csvOf(1, 'idem'), 'text/csv', headers)
    const again = await upload(csvOf(1, 'idem'), 'text/csv', headers)
    assert.equal(again.statusCode, 202)
    assert.equal(again.headers['idempotent-replayed'], 'true')
    assert.equal(again.json().id, first.json().id)
    assert.equal(again.headers.location, first.headers.location)
    await finished(first.json().id)
  })

  await t.test('recent jobs, newest first, in cursor pages', async () => {
    const page = await app.inject({ url: '/admin/catalog/imports?limit=2', headers: staff })
    assert.equal(page.statusCode, 200, page.body)
    const { items, nextCursor } = page.json() as { items: Job[]; nextCursor: string | null }
    assert.equal(items.length, 2)
    assert.ok(items[0].id > items[1].id)
    assert.ok(nextCursor)
    const all: Job[] = [...items]
    let cursor: string | null = nextCursor
    while (cursor) {
      const next: { items: Job[]; nextCursor: string | null } = (
        await app.inject({ url: `/admin/catalog/imports?limit=2&cursor=${cursor}`, headers: staff })
      ).json()
      all.push(...next.items)
      cursor = next.nextCursor
    }
    assert.equal(all.length, 6) // 3, 4, json, dry run, invalid, idempotent (once)
    assert.equal(new Set(all.map((j) => j.id)).size, 6)
  })

  await t.test('an unknown job is a 404 problem; a malformed id a 400', async () => {
    const res = await app.inject({ url: '/admin/catalog/imports/imp_00000000000000000000', headers: staff })
    assert.equal(res.statusCode, 404, res.body)
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
    assert.equal(res.json().code, 'import-job-not-found')
    assert.equal((await app.inject({ url: '/admin/catalog/imports/not%20an%20id', headers: staff })).statusCode, 400)
  })

  await t.test('another content type is a 415 problem; malformed JSON a 400', async () => {
    const res = await upload('handle,title\n', 'text/plain')
    assert.equal(res.statusCode, 415, res.body)
    assert.equal(res.json().code, 'unsupported-media-type')
    assert.equal((await upload('[{', 'application/json')).statusCode, 400)
  })

  await t.test('anonymous is 401; an account without catalog:write is 403', async () => {
    const id = (await app.inject({ url: '/admin/catalog/imports?limit=1', headers: staff })).json().items[0].id
    const customer = await headersFor(app, { email: 'shopper@example.test' })
    for (const [headers, status] of [
      [{}, 401],
      [customer, 403],
    ] as const) {
      assert.equal((await upload(csvOf(1, 'nope'), 'text/csv', headers)).statusCode, status)
      assert.equal((await app.inject({ url: `/admin/catalog/imports/${id}`, headers })).statusCode, status)
      assert.equal((await app.inject({ url: '/admin/catalog/imports', headers })).statusCode, status)
    }
    assert.equal((await app.inject({ url: '/store/products/nope-0' })).statusCode, 404)
  })
})

/** A pause the test lifts: the job waits in `afterBatch` until `release()`. */
function gate() {
  let open: () => void = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { opened, release: () => open() }
}

test('progress moves with each committed batch and is readable mid-write', async (t) => {
  const committed: number[] = []
  const pause = gate()
  let reached: () => void = () => {}
  const firstBatch = new Promise<void>((resolve) => {
    reached = resolve
  })
  const { app, staff, upload, job, finished, count } = await setUp(t, {
    batchSize: 2,
    afterBatch: async ({ id, done }) => {
      // What another request reads right after each commit: exactly the committed products.
      const seen = (await app.inject({ url: `/admin/catalog/imports/${id}`, headers: staff })).json() as Job
      committed.push(seen.progress.done)
      assert.equal(seen.progress.done, done)
      if (done === 2) {
        reached()
        await pause.opened
      }
    },
  })
  const res = await upload(csvOf(7))
  const id = res.json().id as string
  await firstBatch
  const mid = await job(id)
  assert.equal(mid.status, 'writing')
  assert.deepEqual(mid.progress, { done: 2, total: 7 })
  assert.equal(mid.result, null)
  assert.equal(await count(), 2) // the first batch is committed, the rest not yet written
  pause.release()
  const done = await finished(id)
  assert.equal(done.status, 'succeeded')
  assert.deepEqual(committed, [2, 4, 6, 7])
  assert.equal(await count(), 7)
})

test('a job whose heartbeat is stale reads as failed (interrupted); the same file finishes it', async (t) => {
  const clock = { now: Date.now() }
  const pause = gate()
  let reached: () => void = () => {}
  const stopped = new Promise<void>((resolve) => {
    reached = resolve
  })
  let runnerGone: () => void = () => {}
  const gone = new Promise<void>((resolve) => {
    runnerGone = resolve
  })
  let batches = 0
  const { upload, job, finished, count } = await setUp(t, {
    batchSize: 2,
    now: () => clock.now,
    staleAfterMs: 60_000,
    afterBatch: async ({ done }) => {
      batches++
      if (done === 2) {
        reached()
        await pause.opened // the process "stops" here: no batch, no heartbeat
      }
    },
    finished: () => runnerGone(),
  })
  const id = (await upload(csvOf(5))).json().id as string
  await stopped
  clock.now += 59_000
  assert.equal((await job(id)).status, 'writing') // not stale yet
  clock.now += 2_000
  const read = await job(id)
  assert.equal(read.status, 'failed')
  assert.equal(read.failure?.reason, 'interrupted')
  assert.deepEqual(read.progress, { done: 2, total: 5 })
  assert.match(read.failure?.detail ?? '', /2 of 5 products were written/)
  assert.ok(read.finishedAt !== null)

  // The stalled runner wakes up: its next batch finds the job no longer running and rolls back.
  pause.release()
  await gone
  assert.equal(batches, 1)
  assert.equal((await job(id)).status, 'failed')
  assert.equal(await count(), 2)

  const again = await finished((await upload(csvOf(5))).json().id)
  assert.equal(again.status, 'succeeded')
  assert.deepEqual(again.result?.products, { created: 3, updated: 2 })
  assert.equal(await count(), 5)
})

test('two nodes on one database: the other node reads the progress; a shutdown marks the job interrupted', async (t) => {
  const database = sharedDatabase(t, 'imports')
  const pause = gate()
  let reached: () => void = () => {}
  const firstBatch = new Promise<void>((resolve) => {
    reached = resolve
  })
  const runner = await testApp(
    t,
    { database: { ...database, dropSchemaOnClose: false } },
    {
      importJobs: {
        batchSize: 2,
        afterBatch: async ({ done }) => {
          if (done === 2) {
            reached()
            await pause.opened
          }
        },
      },
    },
  )
  const other = await testApp(t, { database })
  const staff = await staffHeaders(runner)
  await makeCategory(runner, staff, 'clothing')
  const accepted = await runner.inject({
    method: 'POST',
    url: '/admin/catalog/imports',
    headers: { ...staff, 'content-type': 'text/csv' },
    payload: csvOf(5),
  })
  assert.equal(accepted.statusCode, 202)
  await firstBatch
  const read = async () =>
    (await other.inject({ url: String(accepted.headers.location), headers: staff })).json() as Job
  const mid = await read()
  assert.equal(mid.status, 'writing')
  assert.deepEqual(mid.progress, { done: 2, total: 5 })

  // The runner's server shuts down: its job stops before the next batch and is marked interrupted.
  const closing = runner.close()
  pause.release()
  await closing
  const stopped = await read()
  assert.equal(stopped.status, 'failed')
  assert.equal(stopped.failure?.reason, 'interrupted')
  assert.match(stopped.failure?.detail ?? '', /shut down\. 2 of 5 products were written/)
  assert.equal(await productCount(other, staff), 2)

  const again = await other.inject({
    method: 'POST',
    url: '/admin/catalog/imports',
    headers: { ...staff, 'content-type': 'text/csv' },
    payload: csvOf(5),
  })
  let last: Job | undefined
  await eventually(async () => {
    last = (await other.inject({ url: String(again.headers.location), headers: staff })).json()
    return last?.status === 'succeeded'
  })
  assert.deepEqual(last?.result?.products, { created: 3, updated: 2 })
})
