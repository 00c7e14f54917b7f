import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { headersFor, TEST_PASSWORD, testApp } from '../../helpers.ts'
import { ADDRESS, cardToken, seedShop } from '../orders/fixtures.ts'

const EMAIL = 'erin@example.test'
const STREET = '7 Fitzwilliam Square'

test('personal data: download everything, then erasure keeps the books and nothing personal', async (t) => {
  const app = await testApp(t)
  const shop = await seedShop(app, [{ handle: 'scarf', price: 2500, stock: 10 }])
  const erin = await headersFor(app, { email: EMAIL })
  const other = await headersFor(app, { email: 'other@example.test' })
  const admin = await headersFor(app, { email: 'privacy-admin@example.test', role: 'admin' })
  const me = (await app.inject({ url: '/auth/me', headers: erin })).json()

  // Erin has an address book entry, an open cart and a paid order (with its confirmation mail).
  const address = await app.inject({
    method: 'POST',
    url: '/me/addresses',
    headers: erin,
    payload: { ...ADDRESS, line1: STREET },
  })
  assert.equal(address.statusCode, 201, address.body)
  const cart = (await app.inject({ method: 'POST', url: '/carts', headers: erin, payload: { currency: 'EUR' } })).json()
    .cart
  const variantId = shop.products[0].variants[0].id
  await app.inject({
    method: 'POST',
    url: `/carts/${cart.id}/items`,
    headers: erin,
    payload: { variantId, quantity: 2 },
  })
  const placed = await app.inject({
    method: 'POST',
    url: '/checkout',
    headers: erin,
    payload: {
      cartId: cart.id,
      email: EMAIL,
      addressId: address.json().id,
      shippingMethodId: shop.shippingMethodId,
      payment: { token: await cardToken(app) },
    },
  })
  assert.equal(placed.statusCode, 201, placed.body)
  const order = placed.json().order
  await app.inject({
    method: 'POST',
    url: '/events',
    headers: erin,
    payload: {
      events: [{ type: 'page_view', anonymousId: 'anon_erin_0001', occurredAt: Date.now(), properties: { path: '/' } }],
    },
  })

  await t.test('the download holds account, sessions, addresses, orders, payments and mail', async () => {
    const res = await app.inject({ url: '/me/personal-data', headers: erin })
    assert.equal(res.statusCode, 200, res.body)
    assert.match(String(res.headers['content-disposition']), /attachment/)
    const { subject, sections } = res.json()
    assert.deepEqual(subject, { userId: me.id, email: EMAIL })
    assert.equal(sections.account.email, EMAIL)
    assert.ok(sections.sessions.length >= 1)
    assert.equal(sections.addresses[0].line1, STREET, 'addresses come decrypted')
    assert.equal(sections.orders[0].id, order.id)
    assert.equal(sections.orders[0].shippingAddress.line1, STREET)
    assert.equal(sections.payments[0].amount, order.total)
    assert.match(sections.mail[0].subject, new RegExp(order.id))
    assert.equal(sections.carts.length, 1)
    assert.deepEqual(sections.events.map((e: { type: string }) => e.type).sort(), ['order_placed', 'page_view'])
  })

  await t.test('staff need privacy:manage; other customers and anonymous callers get nothing', async () => {
    const staff = await headersFor(app, { email: 'privacy-staff@example.test', role: 'staff' })
    assert.equal((await app.inject({ url: `/admin/customers/${me.id}/personal-data`, headers: staff })).statusCode, 403)
    assert.equal((await app.inject({ url: `/admin/customers/${me.id}/personal-data`, headers: other })).statusCode, 403)
    assert.equal((await app.inject({ url: `/admin/customers/${me.id}/personal-data` })).statusCode, 401)
    assert.equal((await app.inject({ url: '/me/personal-data' })).statusCode, 401)
    const res = await app.inject({ url: `/admin/customers/${me.id}/personal-data`, headers: admin })
    assert.equal(res.statusCode, 200)
    assert.equal(res.json().sections.account.email, EMAIL)
    assert.equal(
      (await app.inject({ url: '/admin/customers/usr_nobody/personal-data', headers: admin })).statusCode,
      404,
    )
  })

  await t.test('erasure needs the current password; a wrong one erases nothing', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/me/personal-data/erasure',
      headers: erin,
      payload: { password: 'not-my-password-at-all' },
    })
    assert.equal(wrong.statusCode, 422)
    const empty = await app.inject({ method: 'POST', url: '/me/personal-data/erasure', headers: erin, payload: {} })
    assert.equal(empty.statusCode, 400)
    assert.equal((await app.inject({ url: '/auth/me', headers: erin })).statusCode, 200, 'still signed in')
  })

  await t.test('erasure: sessions end, personal data is gone, the order stays without it', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/me/personal-data/erasure',
      headers: erin,
      payload: { password: TEST_PASSWORD },
    })
    assert.equal(res.statusCode, 200, res.body)
    assert.equal((await app.inject({ url: '/auth/me', headers: erin })).statusCode, 401)

    const kept = (await app.inject({ url: `/orders/${order.id}`, headers: admin })).json()
    assert.equal(kept.total, order.total)
    assert.deepEqual(kept.lines, order.lines)
    assert.equal(kept.status, order.status)
    assert.equal(kept.email, 'erased@erased.invalid')
    assert.equal(kept.customerId, null)
    assert.equal(kept.shippingAddress.line1, 'erased')
    assert.equal(kept.shippingAddress.phone, null)
    const linked = await app.backroom.database.db
      .selectFrom('event')
      .select('id')
      .where('customer_id', '=', me.id)
      .execute()
    assert.deepEqual(linked, [], 'events no longer point at the account')

    // Nothing in any table still names Erin or her street (ciphertexts are opaque, so check the decrypted view too).
    const db = app.backroom.database.db
    const tables =
      app.backroom.database.dialect === 'sqlite'
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows
        : (
            await sql<{
              name: string
            }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(
              db,
            )
          ).rows
    for (const { name } of tables) {
      const rows = (await sql`select * from ${sql.table(name)}`.execute(db)).rows
      const text = JSON.stringify(rows)
      assert.ok(!text.includes(EMAIL), `${name} still holds the email`)
      assert.ok(!text.includes(STREET), `${name} still holds the street`)
    }
    const signIn = await app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      payload: { email: EMAIL, password: TEST_PASSWORD },
    })
    assert.equal(signIn.statusCode, 401)
    const audit = await app.inject({ url: `/admin/audit-events?userId=${me.id}&type=privacy.erased`, headers: admin })
    assert.equal(audit.json().items.length, 1)
    const exported = await app.inject({
      url: `/admin/audit-events?userId=${me.id}&type=privacy.exported`,
      headers: admin,
    })
    assert.equal(exported.json().items.length, 2, 'both downloads were audited')
  })

  await t.test("another customer's data is untouched", async () => {
    assert.equal((await app.inject({ url: '/auth/me', headers: other })).statusCode, 200)
  })
})

test('staff erasure of a customer, audited with the staff member as actor', async (t) => {
  const app = await testApp(t)
  const admin = await headersFor(app, { email: 'erasing-admin@example.test', role: 'admin' })
  const customer = await headersFor(app, { email: 'gone@example.test' })
  const id = (await app.inject({ url: '/auth/me', headers: customer })).json().id
  const adminId = (await app.inject({ url: '/auth/me', headers: admin })).json().id
  assert.equal(
    (await app.inject({ method: 'POST', url: `/admin/customers/${id}/erasure`, headers: customer })).statusCode,
    403,
  )
  const res = await app.inject({ method: 'POST', url: `/admin/customers/${id}/erasure`, headers: admin })
  assert.equal(res.statusCode, 200, res.body)
  assert.equal((await app.inject({ url: '/auth/me', headers: customer })).statusCode, 401)
  const audit = (
    await app.inject({ url: `/admin/audit-events?userId=${id}&type=privacy.erased`, headers: admin })
  ).json()
  assert.equal(audit.items[0].actorId, adminId)
  assert.equal(
    (await app.inject({ method: 'POST', url: '/admin/customers/usr_nobody/erasure', headers: admin })).statusCode,
    404,
  )
})
