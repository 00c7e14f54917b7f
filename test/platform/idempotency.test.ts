import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { hostname } from 'node:os'
import { test } from 'node:test'
import { sql } from 'kysely'
import { Type } from 'typebox'
import { conflict } from '../../src/platform/errors.ts'
import {
  deferredClaim,
  IDEMPOTENCY_LEASE_MS,
  IDEMPOTENCY_TTL_MS,
  ownerGone,
  purgeIdempotencyKeys,
} from '../../src/platform/http/idempotency.ts'
import type { App } from '../../src/platform/http/types.ts'
import { isEnvelope } from '../../src/platform/security/crypto.ts'
import { limits } from '../../src/platform/security/rate-limits.ts'
import { createSubjectTagger, tagColumn, tagsIn } from '../../src/platform/security/subject-tags.ts'
import { headersFor, testApp, testConfig } from '../helpers.ts'
import { countStatements } from '../support/sql-count.ts'

/** An app with test routes whose effects are counted: /t/counter (idempotent), /t/flaky, /t/refuse. */
async function counterApp(t: Parameters<typeof testApp>[0]) {
  const app = await testApp(t)
  const effects = { counter: 0, flaky: 0, refuse: 0 }
  const config = { auth: 'customer', rateLimit: limits.write, idempotent: true } as const
  const body = Type.Object({ amount: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
  const view = Type.Object({ n: Type.Integer(), amount: Type.Integer() })
  app.post('/t/counter', { schema: { body, response: { 201: view } }, config }, async (req, reply) => {
    await sql`select 1`.execute(app.backroom.database.db) // a real await: the first request stays in flight
    effects.counter += 1
    return reply.code(201).send({ n: effects.counter, amount: req.body.amount })
  })
  app.post('/t/flaky', { schema: { body, response: { 200: view } }, config }, async (req) => {
    effects.flaky += 1
    if (effects.flaky === 1) throw new Error('boom')
    return { n: effects.flaky, amount: req.body.amount }
  })
  app.post('/t/refuse', { schema: { body, response: { 200: view } }, config }, async () => {
    effects.refuse += 1
    throw conflict('idempotency-key-in-use', `refused ${effects.refuse}`)
  })
  app.post(
    '/t/plain',
    { schema: { body, response: { 200: view } }, config: { ...config, idempotent: false } },
    async (req) => {
      effects.counter += 1
      return { n: effects.counter, amount: req.body.amount }
    },
  )
  return { app, effects }
}

function post(app: App, url: string, headers: Record<string, string>, key: string | undefined, payload: object) {
  return app.inject({
    method: 'POST',
    url,
    headers: key === undefined ? headers : { ...headers, 'idempotency-key': key },
    payload,
  })
}

test('idempotency keys', async (t) => {
  const { app, effects } = await counterApp(t)
  const alice = await headersFor(app, { email: 'alice@example.test' })
  const bob = await headersFor(app, { email: 'bob@example.test' })

  await t.test('same key, same request: the stored response is replayed, the handler ran once', async () => {
    const first = await post(app, '/t/counter', alice, 'key-1', { amount: 5 })
    assert.equal(first.statusCode, 201)
    assert.equal(first.headers['idempotent-replayed'], undefined)
    const again = await post(app, '/t/counter', alice, 'key-1', { amount: 5 })
    assert.equal(again.statusCode, 201)
    assert.equal(again.headers['idempotent-replayed'], 'true')
    assert.match(String(again.headers['content-type']), /^application\/json/)
    assert.deepEqual(again.json(), first.json())
    assert.equal(effects.counter, 1)
  })

  await t.test('same key, different body or path: 422 and no effect', async () => {
    const body = await post(app, '/t/counter', alice, 'key-1', { amount: 6 })
    assert.equal(body.statusCode, 422)
    assert.equal(body.json().code, 'idempotency-key-reused')
    const path = await post(app, '/t/flaky', alice, 'key-1', { amount: 5 })
    assert.equal(path.statusCode, 422)
    assert.equal(effects.counter, 1)
    assert.equal(effects.flaky, 0)
  })

  await t.test('keys are scoped per caller', async () => {
    const res = await post(app, '/t/counter', bob, 'key-1', { amount: 5 })
    assert.equal(res.statusCode, 201)
    assert.equal(res.headers['idempotent-replayed'], undefined)
    assert.equal(effects.counter, 2)
  })

  await t.test('20 concurrent identical requests with one key produce one effect', async () => {
    const before = effects.counter
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post(app, '/t/counter', alice, 'key-burst', { amount: 7 })),
    )
    assert.equal(effects.counter - before, 1)
    const statuses = responses.map((r) => r.statusCode)
    assert.ok(
      statuses.every((s) => s === 201 || s === 409),
      statuses.join(','),
    )
    const created = responses.filter((r) => r.statusCode === 201)
    assert.equal(created.filter((r) => r.headers['idempotent-replayed'] === undefined).length, 1)
    for (const r of created) assert.deepEqual(r.json(), created[0].json())
    for (const r of responses.filter((r) => r.statusCode === 409)) assert.equal(r.json().code, 'idempotency-key-in-use')
    const replay = await post(app, '/t/counter', alice, 'key-burst', { amount: 7 })
    assert.equal(replay.headers['idempotent-replayed'], 'true')
    assert.equal(effects.counter - before, 1)
  })

  await t.test('a 5xx releases the key: the retry runs the handler again', async () => {
    const failed = await post(app, '/t/flaky', alice, 'key-flaky', { amount: 1 })
    assert.equal(failed.statusCode, 500)
    const retried = await post(app, '/t/flaky', alice, 'key-flaky', { amount: 1 })
    assert.equal(retried.statusCode, 200)
    assert.equal(retried.json().n, 2)
    assert.equal(
      (await post(app, '/t/flaky', alice, 'key-flaky', { amount: 1 })).headers['idempotent-replayed'],
      'true',
    )
    assert.equal(effects.flaky, 2)
  })

  await t.test('a 4xx from the handler is stored and replayed like any result', async () => {
    const first = await post(app, '/t/refuse', alice, 'key-refuse', { amount: 1 })
    assert.equal(first.statusCode, 409)
    const again = await post(app, '/t/refuse', alice, 'key-refuse', { amount: 1 })
    assert.equal(again.statusCode, 409)
    assert.equal(again.headers['idempotent-replayed'], 'true')
    assert.match(String(again.headers['content-type']), /^application\/problem\+json/)
    assert.equal(again.json().detail, 'refused 1')
    assert.equal(effects.refuse, 1)
  })

  await t.test('a request refused by validation does not claim the key', async () => {
    const bad = await post(app, '/t/counter', alice, 'key-valid', { amount: 0 })
    assert.equal(bad.statusCode, 400)
    const good = await post(app, '/t/counter', alice, 'key-valid', { amount: 2 })
    assert.equal(good.statusCode, 201)
    assert.equal(good.headers['idempotent-replayed'], undefined)
  })

  await t.test('the key is validated: 1–255 printable characters', async () => {
    for (const key of ['', 'x'.repeat(256), 'tab\there', 'é']) {
      const res = await post(app, '/t/counter', alice, key, { amount: 1 })
      assert.equal(res.statusCode, 400, JSON.stringify(key))
      assert.equal(res.json().code, 'idempotency-key-invalid')
    }
    assert.equal((await post(app, '/t/counter', alice, `${'x'.repeat(254)}~`, { amount: 1 })).statusCode, 201)
  })

  await t.test('without a key, or on a route that is not idempotent, every request runs', async () => {
    const before = effects.counter
    await post(app, '/t/counter', alice, undefined, { amount: 1 })
    await post(app, '/t/counter', alice, undefined, { amount: 1 })
    await post(app, '/t/plain', alice, 'key-plain', { amount: 1 })
    await post(app, '/t/plain', alice, 'key-plain', { amount: 1 })
    assert.equal(effects.counter - before, 4)
  })

  await t.test('keys expire after 24 hours: an expired key is reusable, and purge deletes old keys', async () => {
    const db = app.backroom.database.db
    await db
      .updateTable('idempotency_key')
      .set({ created_at: Date.now() - IDEMPOTENCY_TTL_MS - 1 })
      .where('key', '=', 'key-1')
      .execute()
    const reused = await post(app, '/t/counter', alice, 'key-1', { amount: 99 }) // a different body: no 422 once expired
    assert.equal(reused.statusCode, 201)
    assert.equal(reused.json().amount, 99)
    const total = Number(
      (
        await db
          .selectFrom('idempotency_key')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    assert.equal(await purgeIdempotencyKeys(db, Date.now() + IDEMPOTENCY_TTL_MS + 1), total)
    assert.equal(await purgeIdempotencyKeys(db), 0)
  })
})

test('in-flight keys are held by a lease, not for 24 hours (issue 11.2)', async (t) => {
  const { app, effects } = await counterApp(t)
  const db = app.backroom.database.db
  const alice = await headersFor(app, { email: 'alice@example.test' })
  const deadPid = spawnSync(process.execPath, ['-e', '0']).pid as number // exited: its pid names no process
  /** Turns a finished key back into one "still in flight" under `owner`, as a crash would leave it. */
  const crashed = async (key: string, owner: string, leaseUntil: number) => {
    assert.equal((await post(app, '/t/counter', alice, key, { amount: 3 })).statusCode, 201)
    await db
      .updateTable('idempotency_key')
      .set({ state: 'in-flight', owner, lease_until: leaseUntil, response_body: null, response_status: null })
      .where('key', '=', key)
      .execute()
  }

  await t.test('the stored response is sealed at rest, and replays in clear', async () => {
    const first = await post(app, '/t/counter', alice, 'sealed', { amount: 4242 })
    const row = await db.selectFrom('idempotency_key').selectAll().where('key', '=', 'sealed').executeTakeFirstOrThrow()
    assert.ok(isEnvelope(String(row.response_body)))
    assert.doesNotMatch(String(row.response_body), /4242/)
    assert.equal(row.owner?.startsWith(`${hostname()}/${process.pid}/`), true)
    const again = await post(app, '/t/counter', alice, 'sealed', { amount: 4242 })
    assert.equal(again.headers['idempotent-replayed'], 'true')
    assert.equal(again.body, first.body)
  })

  await t.test('a live lease on another host: 409, the handler does not run', async () => {
    await crashed('live', 'other-host/123/abc', Date.now() + IDEMPOTENCY_LEASE_MS)
    const before = effects.counter
    const res = await post(app, '/t/counter', alice, 'live', { amount: 3 })
    assert.equal(res.statusCode, 409)
    assert.equal(res.json().code, 'idempotency-key-in-use')
    assert.equal(effects.counter, before)
  })

  await t.test('an expired lease is taken over: the retry runs the handler once and is stored', async () => {
    await crashed('expired', 'other-host/123/abc', Date.now() - 1)
    const before = effects.counter
    const res = await post(app, '/t/counter', alice, 'expired', { amount: 3 })
    assert.equal(res.statusCode, 201)
    assert.equal(res.headers['idempotent-replayed'], undefined)
    assert.equal(effects.counter, before + 1)
    const replay = await post(app, '/t/counter', alice, 'expired', { amount: 3 })
    assert.equal(replay.headers['idempotent-replayed'], 'true')
    assert.equal(effects.counter, before + 1)
  })

  await t.test('an owner process of this host that is gone frees the key at once, lease or not', async () => {
    const owner = `${hostname()}/${deadPid}/dead`
    assert.equal(ownerGone(owner), true)
    assert.equal(ownerGone(`${hostname()}/${process.pid}/closed-app`), true)
    assert.equal(ownerGone('other-host/1/x'), false)
    await crashed('dead-owner', owner, Date.now() + IDEMPOTENCY_LEASE_MS)
    const before = effects.counter
    const res = await post(app, '/t/counter', alice, 'dead-owner', { amount: 3 })
    assert.equal(res.statusCode, 201)
    assert.equal(effects.counter, before + 1)
  })

  await t.test('retries racing for an expired key: exactly one runs the handler', async () => {
    await crashed('race', 'other-host/123/abc', Date.now() - 1)
    const before = effects.counter
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => post(app, '/t/counter', alice, 'race', { amount: 3 })),
    )
    assert.equal(effects.counter - before, 1)
    const fresh = responses.filter((r) => r.statusCode === 201 && r.headers['idempotent-replayed'] === undefined)
    assert.equal(fresh.length, 1)
    assert.ok(responses.every((r) => r.statusCode === 201 || r.statusCode === 409))
  })

  await t.test('a different request with an abandoned key is still refused (422)', async () => {
    await crashed('other-body', 'other-host/123/abc', Date.now() - 1)
    assert.equal((await post(app, '/t/counter', alice, 'other-body', { amount: 4 })).statusCode, 422)
  })
})

test('a request that runs longer than a lease keeps its key: the lease is renewed while it runs', async (t) => {
  const T0 = 1_900_000_000_000
  t.mock.timers.enable({ apis: ['setInterval', 'Date'], now: T0 })
  const app = await testApp(t)
  const db = app.backroom.database.db
  let enter = () => {}
  let finish = () => {}
  const entered = new Promise<void>((resolve) => {
    enter = resolve
  })
  const gate = new Promise<void>((resolve) => {
    finish = resolve
  })
  app.post(
    '/t/slow',
    {
      schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } },
      config: { auth: 'public', rateLimit: limits.write, idempotent: true },
    },
    async () => {
      enter()
      await gate
      return { ok: true }
    },
  )
  const send = () => app.inject({ method: 'POST', url: '/t/slow', headers: { 'idempotency-key': 'slow' } })
  const lease = async () =>
    Number(
      (await db.selectFrom('idempotency_key').select('lease_until').where('key', '=', 'slow').executeTakeFirstOrThrow())
        .lease_until,
    )
  const leaseBecomes = async (expected: number) => {
    for (let i = 0; i < 1000 && (await lease()) !== expected; i++) await new Promise((r) => setImmediate(r))
    assert.equal(await lease(), expected)
  }
  const first = send()
  await entered
  assert.equal(await lease(), T0 + IDEMPOTENCY_LEASE_MS)
  for (let step = 1; step <= 6; step++) {
    t.mock.timers.tick(IDEMPOTENCY_LEASE_MS / 3)
    await leaseBecomes(T0 + (step * IDEMPOTENCY_LEASE_MS) / 3 + IDEMPOTENCY_LEASE_MS)
  }
  // Two leases' worth of time later the key is still held: a retry is refused, not run twice.
  const retry = await send()
  assert.equal(retry.statusCode, 409)
  finish()
  assert.equal((await first).statusCode, 200)
  const replay = await send()
  assert.equal(replay.statusCode, 200)
  assert.equal(replay.headers['idempotent-replayed'], 'true')
})

test('a stored reply is tagged with the people it names: the caller, the request body and the reply', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const tagger = createSubjectTagger(testConfig().secret)
  const config = { auth: 'customer', rateLimit: limits.write, idempotent: true } as const
  const body = Type.Object({ email: Type.String() }, { additionalProperties: false })
  const view = Type.Object({
    order: Type.Object({ email: Type.String(), customerId: Type.Union([Type.String(), Type.Null()]) }),
    customer: Type.Object({ id: Type.String() }),
  })
  app.post('/t/people', { schema: { body, response: { 201: view } }, config }, async (req, reply) =>
    reply.code(201).send({ order: { email: req.body.email, customerId: 'usr_buyer' }, customer: { id: 'usr_friend' } }),
  )
  // A string reply (no object to tag before serialisation): the JSON is read back.
  app.post('/t/people-text', { schema: { body }, config }, async (req, reply) =>
    reply
      .code(201)
      .type('application/json')
      .send(JSON.stringify({ order: { email: `copy.${req.body.email}` } })),
  )
  const alice = await headersFor(app, { email: 'alice@example.test' })
  const me = await app.inject({ method: 'GET', url: '/auth/me', headers: alice })
  const subjects = async (key: string) =>
    (await db.selectFrom('idempotency_key').select('subjects').where('key', '=', key).executeTakeFirstOrThrow())
      .subjects

  const first = await post(app, '/t/people', alice, 'people-1', { email: 'Ada@Example.test' })
  assert.equal(first.statusCode, 201)
  const expected = [
    tagger.user(me.json().id),
    tagger.email('ada@example.test'), // body and reply name her twice: one tag
    tagger.user('usr_buyer'),
    tagger.user('usr_friend'),
  ]
  assert.deepEqual(await subjects('people-1'), tagColumn(expected))
  // The request hash of keys stored before (a retry after an upgrade must still match).
  const { request_hash } = await db
    .selectFrom('idempotency_key')
    .select('request_hash')
    .where('key', '=', 'people-1')
    .executeTakeFirstOrThrow()
  const before = createHash('sha256')
    .update('POST\n/t/people\n\n')
    .update(JSON.stringify({ email: 'Ada@Example.test' }))
    .digest('base64url')
  assert.equal(request_hash, before)
  // The same tags as reading the stored reply back would give.
  assert.deepEqual(
    await subjects('people-1'),
    tagColumn(tagsIn(tagger, { userId: me.json().id }, { email: 'Ada@Example.test' }, first.json())),
  )

  const text = await post(app, '/t/people-text', alice, 'people-2', { email: 'bob@example.test' })
  assert.equal(text.statusCode, 201)
  assert.deepEqual(
    await subjects('people-2'),
    tagColumn([tagger.user(me.json().id), tagger.email('bob@example.test'), tagger.email('copy.bob@example.test')]),
  )

  // An XML reply is stored, but only the caller and the body are tagged (as before).
  const xml = await app.inject({
    method: 'POST',
    url: '/t/people',
    headers: { ...alice, 'idempotency-key': 'people-3', accept: 'application/xml' },
    payload: { email: 'cy@example.test' },
  })
  assert.equal(xml.statusCode, 201)
  assert.deepEqual(await subjects('people-3'), tagColumn([tagger.user(me.json().id), tagger.email('cy@example.test')]))
})

test("a route with idempotent: 'deferred' claims the key with its handler's first write", async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const effects = { writes: 0, reads: 0 }
  const config = { auth: 'customer', rateLimit: limits.write, idempotent: 'deferred' } as const
  const body = Type.Object({ amount: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
  const view = Type.Object({ n: Type.Integer(), amount: Type.Integer() })
  app.post('/t/deferred-write', { schema: { body, response: { 201: view } }, config }, async (req, reply) => {
    await sql`select 1`.execute(db) // reads first: concurrent duplicates all get here
    await deferredClaim(req)?.claimNow()
    effects.writes += 1
    await sql`select 1`.execute(db) // still in flight for the others
    return reply.code(201).send({ n: effects.writes, amount: req.body.amount })
  })
  app.post('/t/deferred-read', { schema: { body, response: { 200: view } }, config }, async (req) => {
    effects.reads += 1
    return { n: effects.reads, amount: req.body.amount }
  })
  app.post('/t/deferred-refuse', { schema: { body, response: { 200: view } }, config }, async () => {
    effects.reads += 1
    throw conflict('out-of-time', `refused ${effects.reads}`)
  })
  app.post('/t/deferred-sent', { schema: { body, response: { 200: view } }, config }, async (req, reply) => {
    effects.reads += 1
    return reply.send({ n: effects.reads, amount: req.body.amount })
  })
  const alice = await headersFor(app, { email: 'alice@example.test' })
  const state = async (key: string) =>
    (await db.selectFrom('idempotency_key').select('state').where('key', '=', key).executeTakeFirst())?.state

  await t.test('concurrent requests with one key: one effect, the others 409 or the replay', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => post(app, '/t/deferred-write', alice, 'd-burst', { amount: 2 })),
    )
    assert.equal(effects.writes, 1)
    for (const r of responses) {
      assert.ok(r.statusCode === 201 || (r.statusCode === 409 && r.json().code === 'idempotency-key-in-use'), r.body)
    }
    const replay = await post(app, '/t/deferred-write', alice, 'd-burst', { amount: 2 })
    assert.equal(replay.headers['idempotent-replayed'], 'true')
    assert.equal((await post(app, '/t/deferred-write', alice, 'd-burst', { amount: 3 })).statusCode, 422)
    assert.equal(effects.writes, 1)
  })

  await t.test('an answer returned without a write claims the key then: stored and replayed', async () => {
    const first = await post(app, '/t/deferred-read', alice, 'd-read', { amount: 1 })
    assert.equal(first.statusCode, 200)
    assert.equal(await state('d-read'), 'done')
    const again = await post(app, '/t/deferred-read', alice, 'd-read', { amount: 1 })
    assert.equal(again.headers['idempotent-replayed'], 'true')
    assert.equal(again.body, first.body)
  })

  await t.test('an answer the handler sent itself without a write is stored by one INSERT', async () => {
    const { result, statements } = await countStatements(() =>
      post(app, '/t/deferred-sent', alice, 'd-sent', { amount: 4 }),
    )
    assert.equal(result.statusCode, 200)
    assert.deepEqual(
      statements.filter((s) => s.includes('idempotency_key')).map((s) => s.split(' ')[0]),
      ['insert'],
    )
    assert.equal(await state('d-sent'), 'done')
    // A request that claims the key (the deferred-write route's) finds it: a different request, 422.
    assert.equal((await post(app, '/t/deferred-write', alice, 'd-sent', { amount: 4 })).statusCode, 422)
  })

  await t.test('a refusal before any write is stored and replayed; a key in use answers instead', async () => {
    const first = await post(app, '/t/deferred-refuse', alice, 'd-refuse', { amount: 1 })
    assert.equal(first.statusCode, 409)
    assert.equal(first.json().code, 'out-of-time')
    const again = await post(app, '/t/deferred-refuse', alice, 'd-refuse', { amount: 1 })
    assert.equal(again.headers['idempotent-replayed'], 'true')
    assert.equal(again.body, first.body)
    // The key held by a live request elsewhere: its refusal is not the answer, the key is.
    await db
      .insertInto('idempotency_key')
      .values({
        scope: (
          await db.selectFrom('idempotency_key').select('scope').where('key', '=', 'd-refuse').executeTakeFirstOrThrow()
        ).scope,
        key: 'd-held',
        request_hash: 'x',
        state: 'in-flight',
        created_at: Date.now(),
        id: 'idem_held',
        owner: 'other-host/1/x',
        lease_until: Date.now() + IDEMPOTENCY_LEASE_MS,
      })
      .execute()
    const held = await post(app, '/t/deferred-refuse', alice, 'd-held', { amount: 1 })
    assert.equal(held.statusCode, 422) // another request's key (its hash differs)
    assert.equal(held.json().code, 'idempotency-key-reused')
  })
})
