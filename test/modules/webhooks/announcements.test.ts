import assert from 'node:assert/strict'
import { test } from 'node:test'
import { daysSince, headersFor, testApp } from '../../helpers.ts'
import { makeProduct } from '../catalog/fixtures.ts'

test('modules announce their changes: product.updated, customer.created, and search events', async (t) => {
  const started = Date.now()
  const app = await testApp(t)
  const db = app.backroom.database.db
  const admin = await headersFor(app, { email: 'hooks-admin@example.test', role: 'admin' })
  const staff = await headersFor(app, { email: 'hooks-staff@example.test', role: 'staff' })
  const deliveries = async () =>
    (await db.selectFrom('webhook_delivery').select(['id', 'event_type', 'body']).orderBy('id').execute()).map((d) => ({
      type: d.event_type,
      data: JSON.parse(app.backroom.webhookOutbox.bodies.open('body', d.id, d.body)).data,
    }))

  await t.test('nothing is queued while no endpoint listens', async () => {
    await makeProduct(app, staff, { handle: 'quiet-lamp' })
    assert.deepEqual(await deliveries(), [])
  })

  const hook = await app.inject({
    method: 'POST',
    url: '/webhooks/endpoints',
    headers: admin,
    payload: { url: 'https://hooks.example.test/in', events: ['product.updated', 'customer.created'] },
  })
  assert.equal(hook.statusCode, 201, hook.body)

  await t.test('product.updated carries the product, on create, update and delete', async () => {
    const product = await makeProduct(app, staff, { handle: 'loud-lamp', title: 'Loud lamp' })
    await app.inject({
      method: 'PATCH',
      url: `/admin/products/${product.id}`,
      headers: staff,
      payload: { title: 'Louder lamp' },
    })
    await app.inject({ method: 'DELETE', url: `/admin/products/${product.id}`, headers: staff })
    const sent = await deliveries()
    assert.deepEqual(
      sent.map((d) => [d.type, d.data.product.title ?? null, d.data.product.deleted ?? false]),
      [
        ['product.updated', 'Loud lamp', false],
        ['product.updated', 'Louder lamp', false],
        ['product.updated', null, true],
      ],
    )
  })

  await t.test('customer.created on sign-up, without secrets', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/auth/sign-up',
      payload: { email: 'New.Person@Example.test', password: 'correct-Horse-battery-91' },
    })
    assert.equal(res.statusCode, 202, res.body)
    const created = (await deliveries()).filter((d) => d.type === 'customer.created')
    assert.equal(created.length, 1)
    assert.equal(created[0].data.customer.email, 'new.person@example.test')
    assert.doesNotMatch(JSON.stringify(created[0].data), /password|hash/i)
  })

  await t.test('storefront searches are recorded with their result counts', async () => {
    await makeProduct(app, staff, { handle: 'brass-kettle', title: 'Brass kettle' })
    const hit = await app.inject({ url: '/store/search?q=kettle', headers: { 'x-anonymous-id': 'anon_search_01' } })
    assert.equal(hit.statusCode, 200)
    await app.inject({ url: '/store/search?q=zzzyzzx' })
    await app.backroom.events.flush() // search events are written in batches (modules/insights/event-buffer.ts)
    const events = await db
      .selectFrom('event')
      .select(['anonymous_id', 'properties'])
      .where('type', '=', 'search')
      .execute()
    const seen = events.map((e) => [e.anonymous_id, JSON.parse(e.properties).resultCount])
    assert.deepEqual(seen, [
      ['anon_search_01', 1],
      ['storefront', 0],
    ])
    const report = await app.inject({ url: `/reports/searches/zero-results?${daysSince(started)}`, headers: staff })
    assert.equal(report.statusCode, 200, report.body)
    assert.deepEqual(
      report.json().items.map((i: { query: string }) => i.query),
      ['zzzyzzx'],
    )
  })
})
