import assert from 'node:assert/strict'
import { test } from 'node:test'
import { enqueue } from '../../../src/modules/webhooks/service.ts'
import { headersFor, testApp } from '../../helpers.ts'

test('webhook endpoints (staff CRUD)', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const admin = await headersFor(app, { email: 'ada@example.test', role: 'admin' })
  const staff = await headersFor(app, { email: 'sam@example.test', role: 'staff' })
  const customer = await headersFor(app, { email: 'carl@example.test' })
  const count = async () => (await db.selectFrom('webhook_endpoint').select('id').execute()).length
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers = admin) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
  let id = ''

  await t.test('registers an endpoint and shows its secret once', async () => {
    const res = await call('POST', '/webhooks/endpoints', {
      url: 'https://hooks.example.test/backroom',
      events: ['order.paid', 'customer.created'],
      description: 'ERP',
    })
    assert.equal(res.statusCode, 201)
    const body = res.json()
    assert.match(body.id, /^whe_/)
    assert.match(body.secret, /^whsec_[A-Za-z0-9_-]{43}$/)
    assert.deepEqual(body.events, ['customer.created', 'order.paid'])
    assert.equal(body.enabled, true)
    id = body.id
    const stored = await db.selectFrom('webhook_endpoint').selectAll().executeTakeFirstOrThrow()
    assert.ok(!stored.secret_sealed.includes(body.secret), 'the secret is stored sealed')
    const read = await call('GET', `/webhooks/endpoints/${id}`)
    assert.equal(read.statusCode, 200)
    assert.equal(read.json().secret, undefined)
    assert.equal((await call('GET', '/webhooks/endpoints')).json().items.length, 1)
  })

  await t.test('bad input is refused and nothing is written', async () => {
    const bad: object[] = [
      { url: 'https://x.example.test', events: [] },
      { url: 'https://x.example.test', events: ['order.shipped'] },
      { url: 'https://x.example.test', events: ['order.paid', 'order.paid'] },
      { url: 'https://x.example.test', events: ['order.paid'], secret: 'mine' },
      { events: ['order.paid'] },
    ]
    for (const payload of bad) assert.equal((await call('POST', '/webhooks/endpoints', payload)).statusCode, 400)
    for (const url of ['ftp://x.example.test/', 'https://user:pw@x.example.test/', 'not a url at all']) {
      const res = await call('POST', '/webhooks/endpoints', { url, events: ['order.paid'] })
      assert.equal(res.statusCode, 422, url)
      assert.equal(res.json().code, 'webhook-url-not-allowed')
    }
    assert.equal(await count(), 1)
  })

  await t.test('loopback targets are refused when private targets are not allowed', async (t) => {
    const strict = await testApp(t, { webhooks: { ...app.backroom.config.webhooks, allowPrivateTargets: false } })
    const strictAdmin = await headersFor(strict, { email: 'ada@example.test', role: 'admin' })
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://localhost/',
      'http://[::1]/',
      'http://10.1.2.3/',
      'http://169.254.169.254/',
      'http://[::7f00:1]/',
      'http://[64:ff9b::a9fe:a9fe]/',
      'http://[2002:a9fe:a9fe::]/',
      'http://[fd12:3456::1]/',
    ]) {
      const res = await strict.inject({
        method: 'POST',
        url: '/webhooks/endpoints',
        headers: strictAdmin,
        payload: { url, events: ['order.paid'] },
      })
      assert.equal(res.statusCode, 422, url)
    }
  })

  await t.test('updates: events, url, enabled; unknown ids are 404', async () => {
    const res = await call('PATCH', `/webhooks/endpoints/${id}`, {
      events: ['product.updated'],
      enabled: false,
      description: null,
    })
    assert.equal(res.statusCode, 200)
    assert.deepEqual(res.json().events, ['product.updated'])
    assert.equal(res.json().enabled, false)
    assert.equal(res.json().description, null)
    assert.equal((await call('PATCH', `/webhooks/endpoints/${id}`, {})).statusCode, 400)
    assert.equal((await call('PATCH', `/webhooks/endpoints/${id}`, { url: 'gopher://x' })).statusCode, 422)
    assert.equal((await call('GET', `/webhooks/endpoints/${id}`)).json().url, 'https://hooks.example.test/backroom')
    assert.equal((await call('PATCH', '/webhooks/endpoints/whe_nope', { enabled: true })).statusCode, 404)
    assert.equal((await call('GET', '/webhooks/endpoints/whe_nope')).statusCode, 404)
  })

  await t.test('rotating the secret answers a new one', async () => {
    const before = await db.selectFrom('webhook_endpoint').select('secret_sealed').executeTakeFirstOrThrow()
    const res = await call('POST', `/webhooks/endpoints/${id}/secret`)
    assert.equal(res.statusCode, 200)
    assert.match(res.json().secret, /^whsec_/)
    const after = await db.selectFrom('webhook_endpoint').select('secret_sealed').executeTakeFirstOrThrow()
    assert.notEqual(after.secret_sealed, before.secret_sealed)
  })

  await t.test('enqueue writes deliveries only for enabled, subscribed endpoints; staff can list them', async () => {
    await call('PATCH', `/webhooks/endpoints/${id}`, { enabled: true })
    const other = (
      await call('POST', '/webhooks/endpoints', { url: 'https://b.example.test/', events: ['order.paid'] })
    ).json()
    const off = (
      await call('POST', '/webhooks/endpoints', {
        url: 'https://c.example.test/',
        events: ['product.updated'],
        enabled: false,
      })
    ).json()
    await db
      .transaction()
      .execute((trx) => enqueue(trx, app.backroom.webhookOutbox, 'product.updated', { id: 'prod_1', title: 'Hat' }))
    await db.transaction().execute((trx) => enqueue(trx, app.backroom.webhookOutbox, 'order.paid', { id: 'ord_1' }))
    const rolledBack = db.transaction().execute(async (trx) => {
      await enqueue(trx, app.backroom.webhookOutbox, 'product.updated', { id: 'prod_2' })
      throw new Error('the change failed')
    })
    await assert.rejects(rolledBack)
    const mine = await call('GET', `/webhooks/endpoints/${id}/deliveries`)
    assert.equal(mine.statusCode, 200)
    assert.equal(mine.json().items.length, 1)
    assert.equal(mine.json().items[0].eventType, 'product.updated')
    assert.equal(mine.json().items[0].status, 'pending')
    assert.equal((await call('GET', `/webhooks/endpoints/${other.id}/deliveries`)).json().items.length, 1)
    assert.equal((await call('GET', `/webhooks/endpoints/${off.id}/deliveries`)).json().items.length, 0)
    assert.deepEqual((await call('GET', `/webhooks/endpoints/${id}/attempts`)).json(), { items: [], nextCursor: null })
  })

  await t.test('deleting an endpoint removes its deliveries', async () => {
    assert.equal((await call('DELETE', `/webhooks/endpoints/${id}`)).statusCode, 204)
    assert.equal((await call('DELETE', `/webhooks/endpoints/${id}`)).statusCode, 404)
    const left = await db.selectFrom('webhook_delivery').select('endpoint_id').execute()
    assert.ok(left.every((d) => d.endpoint_id !== id))
  })

  await t.test('only staff with webhooks:manage', async () => {
    const before = await count()
    const payload = { url: 'https://d.example.test/', events: ['order.paid'] }
    assert.equal((await call('POST', '/webhooks/endpoints', payload, {})).statusCode, 401)
    assert.equal((await call('POST', '/webhooks/endpoints', payload, customer)).statusCode, 403)
    assert.equal((await call('POST', '/webhooks/endpoints', payload, staff)).statusCode, 403) // staff lack webhooks:manage
    assert.equal((await call('GET', '/webhooks/endpoints', undefined, staff)).statusCode, 403)
    assert.equal((await call('GET', '/webhooks/event-types', undefined, {})).statusCode, 401)
    assert.equal(await count(), before)
    const types = await call('GET', '/webhooks/event-types')
    assert.deepEqual(
      types.json().items.map((i: { type: string }) => i.type),
      ['order.paid', 'order.refunded', 'order.fulfilled', 'product.updated', 'customer.created'],
    )
  })
})
