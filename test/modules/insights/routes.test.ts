import assert from 'node:assert/strict'
import { test } from 'node:test'
import { EVENT_TYPES, type EventInput } from '../../../src/modules/insights/schemas.ts'
import { record, toRow } from '../../../src/modules/insights/service.ts'
import { insertEvents } from '../../../src/modules/insights/store.ts'
import { headersFor, testApp } from '../../helpers.ts'

const DAY = 86_400_000
const T0 = Date.UTC(2026, 0, 5) // a Monday

test('POST /events', async (t) => {
  const app = await testApp(t, { insights: { eventsMaxBatch: 3 } })
  const db = app.backroom.database.db
  const alice = await headersFor(app, { email: 'alice@example.test' })
  const aliceId = (await app.inject({ url: '/auth/me', headers: alice })).json().id as string
  const count = async () =>
    Number(
      (
        await db
          .selectFrom('event')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const post = (payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/events', headers, payload })
  const now = Date.now()
  const anon = 'anon_1234567890'

  await t.test('appends a mixed batch; the customer comes from the signed-in actor', async () => {
    const res = await post(
      {
        events: [
          { type: 'page_view', anonymousId: anon, occurredAt: now - 1000, properties: { path: '/' } },
          {
            type: 'search',
            anonymousId: anon,
            occurredAt: now,
            properties: { query: '  Red   SHOES ', resultCount: 0 },
          },
          { type: 'add_to_cart', anonymousId: anon, occurredAt: now, properties: { productId: 'prod_1', quantity: 2 } },
        ],
      },
      alice,
    )
    assert.equal(res.statusCode, 202)
    assert.equal(res.json().accepted, 3)
    const rows = await db.selectFrom('event').selectAll().orderBy('type').execute()
    assert.equal(rows.length, 3)
    assert.ok(rows.every((r) => r.customer_id === aliceId && r.source === 'client'))
    const search = rows.find((r) => r.type === 'search')!
    assert.equal(search.query, 'red shoes')
    assert.equal(Number(search.result_count), 0)
    assert.equal(rows.find((r) => r.type === 'add_to_cart')!.product_id, 'prod_1')
    assert.ok(Number(search.received_at) >= now)
  })

  await t.test("XML batches pick each event's shape by its type", async () => {
    const xml =
      '<batch><events>' +
      `<i><type>add_to_cart</type><anonymousId>${anon}</anonymousId><occurredAt>${now}</occurredAt>` +
      '<properties><productId>prod_9</productId><quantity>3</quantity></properties></i>' +
      `<i><type>search</type><anonymousId>${anon}</anonymousId><occurredAt>${now}</occurredAt>` +
      '<properties><query>xml hats</query><resultCount>0</resultCount></properties></i>' +
      '</events></batch>'
    const res = await app.inject({
      method: 'POST',
      url: '/events',
      headers: { 'content-type': 'application/xml', accept: 'application/xml' },
      payload: xml,
    })
    assert.equal(res.statusCode, 202, res.body)
    assert.match(res.body, /<eventBatch><accepted>2<\/accepted>/)
    const row = await db.selectFrom('event').selectAll().where('product_id', '=', 'prod_9').executeTakeFirstOrThrow()
    assert.deepEqual(JSON.parse(row.properties), { productId: 'prod_9', quantity: 3 })
    await db.selectFrom('event').select('id').where('query', '=', 'xml hats').executeTakeFirstOrThrow()
  })

  await t.test('anonymous visitors may send events (no customer)', async () => {
    const res = await post({
      events: [{ type: 'product_view', anonymousId: anon, occurredAt: now, properties: { productId: 'prod_2' } }],
    })
    assert.equal(res.statusCode, 202)
    const row = await db.selectFrom('event').selectAll().where('type', '=', 'product_view').executeTakeFirstOrThrow()
    assert.equal(row.customer_id, null)
  })

  await t.test('bad input is refused and nothing is written', async () => {
    const before = await count()
    const bad = [
      // a customer id in the body is not trusted: unknown property
      {
        events: [
          { type: 'page_view', anonymousId: anon, occurredAt: now, properties: { path: '/' }, customerId: 'usr_x' },
        ],
      },
      // properties of another type
      { events: [{ type: 'product_view', anonymousId: anon, occurredAt: now, properties: { query: 'x' } }] },
      { events: [{ type: 'refund_issued', anonymousId: anon, occurredAt: now, properties: {} }] },
      { events: [{ type: 'page_view', anonymousId: 'short', occurredAt: now, properties: { path: '/' } }] },
      { events: [] },
    ]
    for (const payload of bad) {
      const res = await post(payload)
      assert.equal(res.statusCode, 400, JSON.stringify(payload))
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
    }
    // Issue 12: an unknown (or missing) type is one error naming the allowed types, not one per type.
    for (const event of [
      { type: 'refund_issued', anonymousId: anon, occurredAt: now, properties: {} },
      { anonymousId: anon, occurredAt: now, properties: {} },
    ]) {
      const res = await post({
        events: [{ type: 'page_view', anonymousId: anon, occurredAt: now, properties: { path: '/' } }, event],
      })
      assert.equal(res.statusCode, 400, res.body)
      assert.deepEqual(res.json().errors, [
        { in: 'body', pointer: '/events/1/type', detail: `must be one of: ${EVENT_TYPES.join(', ')}` },
      ])
    }
    // A known type reports only its own shape's errors.
    const wrongShape = await post({
      events: [{ type: 'product_view', anonymousId: anon, occurredAt: now, properties: { query: 'x' } }],
    })
    assert.deepEqual(
      wrongShape
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
      ['/events/0/properties/productId', '/events/0/properties/query'],
    )
    const tooMany = Array.from({ length: 4 }, () => ({
      type: 'page_view',
      anonymousId: anon,
      occurredAt: now,
      properties: { path: '/' },
    }))
    const big = await post({ events: tooMany })
    assert.equal(big.statusCode, 422)
    assert.equal(big.json().code, 'event-batch-too-large')
    const stale = await post({
      events: [
        { type: 'page_view', anonymousId: anon, occurredAt: now, properties: { path: '/' } },
        { type: 'page_view', anonymousId: anon, occurredAt: now - 8 * DAY, properties: { path: '/' } },
        { type: 'page_view', anonymousId: anon, occurredAt: now + 2 * DAY, properties: { path: '/' } },
      ],
    })
    assert.equal(stale.statusCode, 422)
    assert.deepEqual(
      stale.json().errors.map((e: { pointer: string }) => e.pointer),
      ['/events/1/occurredAt', '/events/2/occurredAt'],
    )
    assert.equal(await count(), before)
  })

  await t.test('there is no way to change or delete an event', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      assert.equal((await app.inject({ method, url: '/events' })).statusCode, 405)
    }
  })
})

test('reports on events', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const staff = await headersFor(app, { email: 'sam@example.test', role: 'staff' })
  const customer = await headersFor(app, { email: 'carl@example.test' })
  const get = (url: string, headers: Record<string, string> = staff) => app.inject({ url, headers })

  // Visitors: a views, adds, checks out, orders; b views and adds; c views; d adds without viewing.
  const at = (day: number, hour = 10) => T0 + day * DAY + hour * 3_600_000
  const ev = (type: string, who: string, day: number, properties: Record<string, unknown>) =>
    record(db, { type, anonymousId: `anon_${who}_00000000`, occurredAt: at(day), properties } as never, at(day))
  await ev('product_view', 'a', 0, { productId: 'prod_1' })
  await ev('product_view', 'a', 0, { productId: 'prod_2' })
  await ev('add_to_cart', 'a', 1, { productId: 'prod_1', quantity: 1 })
  await ev('checkout_started', 'a', 1, {})
  await ev('order_placed', 'a', 1, { orderId: 'ord_1', currency: 'EUR', total: 1999 })
  await ev('product_view', 'b', 0, { productId: 'prod_1' })
  await ev('add_to_cart', 'b', 3, { productId: 'prod_1', quantity: 1 })
  await ev('product_view', 'c', 3, { productId: 'prod_3' })
  await ev('add_to_cart', 'd', 3, { productId: 'prod_3', quantity: 1 })
  await ev('search', 'a', 0, { query: 'Blue hat', resultCount: 0 })
  await ev('search', 'b', 3, { query: 'blue  HAT', resultCount: 0 })
  await ev('search', 'c', 3, { query: 'scarf', resultCount: 0 })
  await ev('search', 'c', 3, { query: 'shoes', resultCount: 12 })
  await ev('search', 'c', 3, { query: 'no count' })
  await ev('page_view', 'z', 20, { path: '/' }) // outside the range below

  const range = 'from=2026-01-05&to=2026-01-11'

  await t.test('funnel: distinct visitors per step, and those who did every earlier step', async () => {
    const res = await get(`/reports/funnel?${range}`)
    assert.equal(res.statusCode, 200)
    assert.deepEqual(res.json(), {
      from: '2026-01-05',
      to: '2026-01-11',
      steps: [
        { step: 'product_view', visitors: 3, reached: 3, conversion: null },
        { step: 'add_to_cart', visitors: 3, reached: 2, conversion: 0.6667 },
        { step: 'checkout_started', visitors: 1, reached: 1, conversion: 0.5 },
        { step: 'order_placed', visitors: 1, reached: 1, conversion: 1 },
      ],
    })
  })

  await t.test('funnel as CSV and XML', async () => {
    const csv = await get(`/reports/funnel?${range}`, { ...staff, accept: 'text/csv' })
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /^text\/csv/)
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="funnel_2026-01-05_2026-01-11.csv"/)
    assert.equal(
      csv.body,
      'step,visitors,reached,conversion\r\nproduct_view,3,3,\r\nadd_to_cart,3,2,0.6667\r\ncheckout_started,1,1,0.5\r\norder_placed,1,1,1\r\n',
    )
    const xml = await get(`/reports/funnel?${range}`, { ...staff, accept: 'application/xml' })
    assert.equal(xml.statusCode, 200)
    assert.match(xml.body, /^<\?xml[^>]*\?><funnel><from>2026-01-05<\/from>/)
    assert.match(xml.body, /<step>add_to_cart<\/step><visitors>3<\/visitors><reached>2<\/reached>/)
  })

  await t.test('searches that returned nothing, grouped by normalised query', async () => {
    const res = await get(`/reports/searches/zero-results?${range}`)
    assert.equal(res.statusCode, 200)
    assert.deepEqual(res.json().items, [
      { query: 'blue hat', count: 2, lastSeenAt: at(3) },
      { query: 'scarf', count: 1, lastSeenAt: at(3) },
    ])
    const limited = await get(`/reports/searches/zero-results?${range}&limit=1`)
    assert.equal(limited.json().items.length, 1)
    const csv = await get(`/reports/searches/zero-results?${range}`, { ...staff, accept: 'text/csv' })
    assert.equal(csv.body.split('\r\n')[1], `blue hat,2,${new Date(at(3)).toISOString()}`)
  })

  await t.test('event volume per day, zero days included', async () => {
    const res = await get(`/reports/events/volume?${range}`)
    assert.equal(res.statusCode, 200)
    const { points, granularity } = res.json()
    assert.equal(granularity, 'day')
    assert.deepEqual(
      points.map((p: { date: string; total: number }) => [p.date, p.total]),
      [
        ['2026-01-05', 4],
        ['2026-01-06', 3],
        ['2026-01-07', 0],
        ['2026-01-08', 7],
        ['2026-01-09', 0],
        ['2026-01-10', 0],
        ['2026-01-11', 0],
      ],
    )
    assert.deepEqual(points[0], {
      date: '2026-01-05',
      total: 4,
      page_view: 0,
      product_view: 3,
      search: 1,
      add_to_cart: 0,
      checkout_started: 0,
      order_placed: 0,
    })
  })

  await t.test('event volume per week starts on Mondays', async () => {
    const res = await get('/reports/events/volume?from=2026-01-01&to=2026-01-31&granularity=week')
    const points = res.json().points.map((p: { date: string; total: number }) => [p.date, p.total])
    assert.deepEqual(points, [
      ['2025-12-29', 0],
      ['2026-01-05', 14],
      ['2026-01-12', 0],
      ['2026-01-19', 1],
      ['2026-01-26', 0],
    ])
    const csv = await get('/reports/events/volume?from=2026-01-05&to=2026-01-06', { ...staff, accept: 'text/csv' })
    assert.equal(
      csv.body,
      'date,total,page_view,product_view,search,add_to_cart,checkout_started,order_placed\r\n' +
        '2026-01-05,4,0,3,1,0,0,0\r\n2026-01-06,3,0,0,0,1,1,1\r\n',
    )
  })

  await t.test('the events export streams every event of the range as CSV', async () => {
    const res = await get(`/exports/events?${range}`, { ...staff, accept: 'text/csv' })
    assert.equal(res.statusCode, 200)
    assert.match(String(res.headers['content-type']), /^text\/csv/)
    const lines = res.body.trimEnd().split('\r\n')
    assert.equal(lines[0], 'id,type,occurredAt,receivedAt,anonymousId,customerId,source,properties')
    assert.equal(lines.length, 1 + 14)
    assert.match(lines[1], /^evt_\w+,product_view,2026-01-05T10:00:00.000Z,/)
    assert.ok(!res.body.includes('anon_z_'))
    const json = await get(`/exports/events?${range}`, { ...staff, accept: 'application/json' })
    assert.equal(json.statusCode, 406)
  })

  await t.test('ranges are checked', async () => {
    const reversed = await get('/reports/funnel?from=2026-01-10&to=2026-01-01')
    assert.equal(reversed.statusCode, 422)
    assert.equal(reversed.json().code, 'bad-date-range')
    assert.equal((await get('/reports/funnel?from=2024-01-01&to=2026-01-01')).json().code, 'bad-date-range')
    assert.equal((await get('/reports/funnel?from=2026-02-30&to=2026-03-01')).statusCode, 400)
    assert.equal((await get('/reports/funnel?from=yesterday&to=2026-01-01')).statusCode, 400)
    assert.equal((await get('/reports/funnel?to=2026-01-01')).statusCode, 400)
  })

  await t.test('reports are for staff with reports:read', async () => {
    for (const url of [
      `/reports/funnel?${range}`,
      `/reports/searches/zero-results?${range}`,
      `/reports/events/volume?${range}`,
      `/exports/events?${range}`,
    ]) {
      assert.equal((await get(url, {})).statusCode, 401, url)
      assert.equal((await get(url, customer)).statusCode, 403, url)
    }
  })
})

test('the events export pages through ties on time and type without losing or repeating a row', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const staff = await headersFor(app, { email: 'sam@example.test', role: 'staff' })
  const rows = Array.from({ length: 5_500 }, (_, i) =>
    toRow(
      {
        type: i % 2 ? 'page_view' : 'search',
        anonymousId: `anon_${String(i).padStart(8, '0')}`,
        occurredAt: T0 + Math.floor(i / 1000) * 1000, // 1,000 events share each millisecond
        properties: i % 2 ? { path: `/p/${i}` } : { query: `q${i}`, resultCount: 1 },
      } as EventInput,
      null,
      'client',
      T0,
    ),
  )
  for (let i = 0; i < rows.length; i += 1000) await insertEvents(db, rows.slice(i, i + 1000))
  const res = await app.inject({ url: '/exports/events?from=2026-01-05&to=2026-01-05', headers: staff })
  assert.equal(res.statusCode, 200)
  const lines = res.body.trimEnd().split('\r\n').slice(1)
  assert.equal(lines.length, 5_500)
  const ids = lines.map((line) => line.split(',')[0])
  assert.equal(new Set(ids).size, 5_500)
  assert.deepEqual(new Set(ids), new Set(rows.map((r) => r.id)))
})
