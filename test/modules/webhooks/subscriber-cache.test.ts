/**
 * Webhook subscribers are cached per node (platform/db/signal-cache.ts, the `webhooks` change-signal
 * topic): a new subscription gets the very next event on the node that wrote it, and on another node
 * (a second app on the same database) every event from the moment the change signal reaches it. A
 * disabled or deleted endpoint gets nothing more from the writing node at once. docs/WEBHOOKS.md.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { App } from '../../../src/platform/http/types.ts'
import { eventually } from '../../helpers.ts'
import { twoNodes } from '../catalog/fixtures.ts'
import { guestCheckout, seedShop } from '../orders/fixtures.ts'

async function subscriberHits(app: App): Promise<number> {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body
  return Number(/^webhook_subscriber_cache_hits_total (\d+)/m.exec(text)?.[1])
}

/**
 * Ids of the orders whose `order.paid` was queued for `endpointId`. Each test app has its own
 * encryption key, so a body is opened by the node that sealed it.
 */
async function deliveredOrders(nodes: App[], endpointId: string): Promise<string[]> {
  const open = (id: string, body: string) => {
    for (const node of nodes) {
      try {
        return node.backroom.webhookOutbox.bodies.open('body', id, body)
      } catch {}
    }
    throw new Error(`no node opens delivery ${id}`)
  }
  const rows = await nodes[0].backroom.database.db
    .selectFrom('webhook_delivery')
    .select(['id', 'event_type', 'body'])
    .where('endpoint_id', '=', endpointId)
    .orderBy('id')
    .execute()
  return rows.map((r) => {
    assert.equal(r.event_type, 'order.paid')
    return JSON.parse(open(r.id, r.body)).data.order.id as string
  })
}

test('webhook subscribers: cached, and a new subscription gets the next event', async (t) => {
  const { writer, reader } = await twoNodes(t)
  const nodes = [writer, reader]
  const shop = await seedShop(writer, [{ handle: 'mug', price: 1000, stock: 500 }])
  const variant = shop.products[0].variants[0].id
  const order = async (app: App) => {
    const res = await guestCheckout(app, shop, variant)
    assert.equal(res.statusCode, 201, res.body)
    return res.json().order.id as string
  }
  const subscribe = async () => {
    const res = await writer.inject({
      method: 'POST',
      url: '/webhooks/endpoints',
      headers: shop.admin,
      payload: { url: 'https://hooks.example.test/erp', events: ['order.paid'] },
    })
    assert.equal(res.statusCode, 201, res.body)
    return res.json().id as string
  }
  // Both nodes hold "nobody subscribes to order.paid" in memory.
  for (const node of [writer, reader]) {
    await eventually(async () => {
      const before = await subscriberHits(node)
      await order(node)
      return (await subscriberHits(node)) > before
    })
  }

  let first = ''
  await t.test('the node that subscribes: the very next event', async () => {
    first = await subscribe()
    const id = await order(writer)
    assert.deepEqual(await deliveredOrders(nodes, first), [id])
    const next = await order(writer)
    assert.deepEqual(await deliveredOrders(nodes, first), [id, next])
  })

  await t.test('another node: every event from the change signal on', async () => {
    const second = await subscribe()
    let from = ''
    await eventually(async () => {
      from = await order(reader)
      return (await deliveredOrders(nodes, second)).includes(from)
    })
    const later = [await order(reader), await order(reader)]
    assert.deepEqual((await deliveredOrders(nodes, second)).slice(-3), [from, ...later])
    assert.ok((await deliveredOrders(nodes, first)).includes(from), 'and the first subscription too')
  })

  await t.test('a disabled or deleted endpoint gets nothing more, at once on the writing node', async () => {
    const endpoints = (await writer.inject({ method: 'GET', url: '/webhooks/endpoints', headers: shop.admin })).json()
      .items as { id: string }[]
    const [a, b] = endpoints.map((e) => e.id)
    const disabled = await writer.inject({
      method: 'PATCH',
      url: `/webhooks/endpoints/${a}`,
      headers: shop.admin,
      payload: { enabled: false },
    })
    assert.equal(disabled.statusCode, 200, disabled.body)
    const deleted = await writer.inject({ method: 'DELETE', url: `/webhooks/endpoints/${b}`, headers: shop.admin })
    assert.equal(deleted.statusCode, 204, deleted.body)
    const before = await deliveredOrders(nodes, a)
    const id = await order(writer)
    assert.deepEqual(await deliveredOrders(nodes, a), before)
    assert.deepEqual(await deliveredOrders(nodes, b), [])
    assert.ok(id)
  })
})
