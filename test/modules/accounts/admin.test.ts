import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createHousekeeping } from '../../../src/modules/accounts/housekeeping.ts'
import { apiKeyHeaders, headersFor, TEST_PASSWORD, testApp } from '../../helpers.ts'
import { bearer, signIn, signUp } from './accounts-helpers.ts'

test('admins manage users and roles', async (t) => {
  const app = await testApp(t)
  const admin = await headersFor(app, { email: 'ada@example.test', role: 'admin' })
  const adminId = (await app.inject({ url: '/auth/me', headers: admin })).json().id
  await signUp(app, 'carl@example.test')
  const carlSession = (await signIn(app, 'carl@example.test')).json().token
  const carl = (await app.inject({ url: '/admin/users?email=CARL@example.test', headers: admin })).json().items[0]
  assert.equal(carl.role, 'customer')

  await t.test('list and read', async () => {
    const list = await app.inject({ url: '/admin/users?role=admin', headers: admin })
    assert.deepEqual(
      list.json().items.map((u: { email: string }) => u.email),
      ['ada@example.test'],
    )
    assert.equal(
      (await app.inject({ url: `/admin/users/${carl.id}`, headers: admin })).json().email,
      'carl@example.test',
    )
    const missing = await app.inject({ url: '/admin/users/usr_nothere', headers: admin })
    assert.equal(missing.statusCode, 404)
    assert.equal(missing.json().code, 'user-not-found')
  })

  await t.test('a role change takes effect at once (old sessions end) and is audited', async () => {
    const res = await app.inject({
      method: 'PATCH',
      url: `/admin/users/${carl.id}`,
      headers: admin,
      payload: { role: 'staff' },
    })
    assert.equal(res.statusCode, 200)
    assert.equal(res.json().role, 'staff')
    assert.equal((await app.inject({ url: '/auth/me', headers: bearer(carlSession) })).statusCode, 401)
    const staff = bearer((await signIn(app, 'carl@example.test')).json().token)
    assert.equal((await app.inject({ url: '/admin/mail', headers: staff })).statusCode, 200)
    assert.equal((await app.inject({ url: '/admin/users', headers: staff })).statusCode, 403)
    const audit = await app.inject({
      url: `/admin/audit-events?userId=${carl.id}&type=user.role-changed`,
      headers: admin,
    })
    const [event] = audit.json().items
    assert.equal(event.actorId, adminId)
    assert.deepEqual(event.data, { from: 'customer', to: 'staff' })
  })

  await t.test('a disabled account cannot sign in (same answer as a wrong password)', async () => {
    const res = await app.inject({
      method: 'PATCH',
      url: `/admin/users/${carl.id}`,
      headers: admin,
      payload: { disabled: true },
    })
    assert.equal(res.json().disabled, true)
    const refused = await signIn(app, 'carl@example.test')
    assert.equal(refused.statusCode, 401)
    assert.equal(refused.json().code, 'bad-credentials')
    await app.inject({ method: 'PATCH', url: `/admin/users/${carl.id}`, headers: admin, payload: { disabled: false } })
    assert.equal((await signIn(app, 'carl@example.test')).statusCode, 200)
  })

  await t.test('admins cannot change their own role', async () => {
    const res = await app.inject({
      method: 'PATCH',
      url: `/admin/users/${adminId}`,
      headers: admin,
      payload: { role: 'customer' },
    })
    assert.equal(res.statusCode, 409)
    assert.equal(res.json().code, 'own-account')
  })
})

test('API keys: scoped, shown once, stored hashed, revocable, with last use', async (t) => {
  const app = await testApp(t)
  const admin = await headersFor(app, { email: 'ada@example.test', role: 'admin' })
  const created = await app.inject({
    method: 'POST',
    url: '/admin/api-keys',
    headers: admin,
    payload: { name: 'warehouse', permissions: ['audit:read'] },
  })
  assert.equal(created.statusCode, 201)
  const { id, key, lastUsedAt } = created.json()
  assert.match(key, /^bk_[A-Za-z0-9_-]{43}$/)
  assert.equal(lastUsedAt, null)

  await t.test('the key is never listed and only its hash is stored', async () => {
    const list = await app.inject({ url: '/admin/api-keys', headers: admin })
    assert.ok(!list.body.includes(key))
    assert.equal(list.json().items[0].hint, key.slice(0, 10))
    const row = await app.backroom.database.db.selectFrom('api_key').selectAll().executeTakeFirstOrThrow()
    assert.ok(!JSON.stringify(row).includes(key.slice(10)))
  })

  await t.test('it works in x-api-key and as a bearer token, within its scope only', async () => {
    assert.equal((await app.inject({ url: '/admin/audit-events', headers: { 'x-api-key': key } })).statusCode, 200)
    assert.equal((await app.inject({ url: '/admin/audit-events', headers: bearer(key) })).statusCode, 200)
    assert.equal((await app.inject({ url: '/admin/mail', headers: { 'x-api-key': key } })).statusCode, 403)
    assert.equal((await app.inject({ url: '/auth/me', headers: { 'x-api-key': key } })).statusCode, 403)
  })

  await t.test('last use is recorded', async () => {
    const list = await app.inject({ url: '/admin/api-keys', headers: admin })
    assert.equal(typeof list.json().items[0].lastUsedAt, 'number')
  })

  await t.test('a key cannot grant what its creator lacks', async () => {
    const keyAdmin = await apiKeyHeaders(app, ['api-keys:manage'])
    const res = await app.inject({
      method: 'POST',
      url: '/admin/api-keys',
      headers: keyAdmin,
      payload: { name: 'escalate', permissions: ['users:manage'] },
    })
    assert.equal(res.statusCode, 403)
    assert.equal(res.json().code, 'permission-not-held')
  })

  await t.test('revoked keys are refused; creation and revocation are audited', async () => {
    assert.equal((await app.inject({ method: 'DELETE', url: `/admin/api-keys/${id}`, headers: admin })).statusCode, 204)
    assert.equal((await app.inject({ method: 'DELETE', url: `/admin/api-keys/${id}`, headers: admin })).statusCode, 404)
    const refused = await app.inject({ url: '/admin/audit-events', headers: { 'x-api-key': key } })
    assert.equal(refused.statusCode, 401)
    const audit = (await app.inject({ url: '/admin/audit-events?type=api-key.revoked', headers: admin })).json().items
    assert.equal(audit[0].data.apiKeyId, id)
    const createdEvents = (await app.inject({ url: '/admin/audit-events?type=api-key.created', headers: admin })).json()
      .items
    assert.ok(createdEvents.some((e: { data: { apiKeyId: string } }) => e.data.apiKeyId === id))
  })
})

test('audit log: security events, filterable by user and type, paginated', async (t) => {
  const app = await testApp(t)
  const admin = await headersFor(app, { email: 'ada@example.test', role: 'admin' })
  await signUp(app, 'dan@example.test')
  await signIn(app, 'dan@example.test', 'wrong-password-entirely')
  await signIn(app, 'dan@example.test')
  const dan = (await app.inject({ url: '/admin/users?email=dan@example.test', headers: admin })).json().items[0]
  const events = (await app.inject({ url: `/admin/audit-events?userId=${dan.id}`, headers: admin })).json().items
  assert.deepEqual(
    events.map((e: { type: string }) => e.type),
    ['login.succeeded', 'login.failed', 'user.signed-up'],
  )
  const failed = (await app.inject({ url: '/admin/audit-events?type=login.failed', headers: admin })).json().items
  assert.equal(failed.length, 1)
  assert.equal(failed[0].data.email, 'dan@example.test')
  const page1 = (await app.inject({ url: '/admin/audit-events?limit=2', headers: admin })).json()
  assert.equal(page1.items.length, 2)
  const page2 = (
    await app.inject({ url: `/admin/audit-events?limit=2&cursor=${page1.nextCursor}`, headers: admin })
  ).json()
  assert.ok(page2.items.every((e: { id: string }) => e.id < page1.items[1].id))
  const staff = await headersFor(app, { email: 'stan@example.test', role: 'staff' })
  assert.equal((await app.inject({ url: '/admin/audit-events', headers: staff })).statusCode, 403)
})

test('brute force: per-account and per-IP limits on sign-in and reset, with Retry-After', async (t) => {
  const app = await testApp(t)
  t.mock.timers.enable({ apis: ['Date'], now: Date.now() })
  await signUp(app, 'bea@example.test')

  await t.test('ten failures lock the account for the window, for the right password too', async () => {
    for (let i = 0; i < 10; i++)
      assert.equal((await signIn(app, 'bea@example.test', 'not-it-at-all-1')).statusCode, 401)
    const locked = await signIn(app, 'bea@example.test')
    assert.equal(locked.statusCode, 429)
    assert.equal(locked.json().code, 'too-many-attempts')
    const retryAfter = Number(locked.headers['retry-after'])
    assert.ok(retryAfter > 0 && retryAfter <= 15 * 60)
    t.mock.timers.tick(retryAfter * 1000)
    assert.equal((await signIn(app, 'bea@example.test')).statusCode, 200)
  })

  await t.test('an unknown email locks the same way (no enumeration through the limit)', async () => {
    for (let i = 0; i < 10; i++) await signIn(app, 'nobody@example.test', 'not-it-at-all-1')
    assert.equal((await signIn(app, 'nobody@example.test', 'not-it-at-all-1')).statusCode, 429)
  })

  await t.test('the per-IP limit stops spraying across many accounts', async () => {
    t.mock.timers.tick(16 * 60_000)
    let status = 0
    let tries = 0
    while (status !== 429 && tries < 200) {
      status = (await signIn(app, `spray${tries}@example.test`, 'not-it-at-all-1')).statusCode
      tries++
    }
    assert.equal(status, 429)
    assert.equal(tries, 101) // 100 failures per IP per 15 minutes
  })

  await t.test('reset requests are limited per account', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/auth/password-reset/request',
        payload: { email: 'bea@example.test' },
      })
      statuses.push(res.statusCode)
    }
    assert.deepEqual(statuses, [202, 202, 202, 202, 202, 429])
  })
})

test('housekeeping removes dead sessions, old tokens and closed attempt windows only', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  await signUp(app, 'hank@example.test')
  const live = (await signIn(app, 'hank@example.test')).json().token
  const dead = (await signIn(app, 'hank@example.test')).json().token
  await app.inject({ method: 'POST', url: '/auth/sign-out', headers: bearer(dead) })
  await signIn(app, 'hank@example.test', 'wrong-password-entirely')
  const count = async (table: 'user_session' | 'user_token' | 'auth_attempt') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  assert.deepEqual([await count('user_session'), await count('user_token'), await count('auth_attempt')], [2, 1, 2])
  const housekeeping = createHousekeeping({ db, policy: app.backroom.config.sessions, log: app.log, intervalMs: 0 })

  assert.deepEqual(await housekeeping.run(Date.now()), { attempts: 0, tokens: 0, sessions: 0 })
  // Eight days on: the revoked session, the expired verification token and the old counters go.
  await db
    .updateTable('user_session')
    .set({ last_seen_at: Date.now() + 8 * 86_400_000 })
    .where('revoked_at', 'is', null)
    .execute()
  const later = await housekeeping.run(Date.now() + 8 * 86_400_000)
  assert.deepEqual(later, { attempts: 2, tokens: 1, sessions: 1 })
  assert.equal(await count('user_session'), 1)
  assert.ok(live)
})

test('headersFor signs in for real, caches per app and email, and survives a second app on the same database', async (t) => {
  const app = await testApp(t)
  const first = await headersFor(app, { email: 'Zoe@example.test', role: 'staff' })
  assert.match(first.authorization, /^Bearer [A-Za-z0-9_-]{43}$/)
  assert.equal(await headersFor(app, { email: 'zoe@example.test', role: 'staff' }), first)
  const me = (await app.inject({ url: '/auth/me', headers: first })).json()
  assert.equal(me.role, 'staff')
  // A second app on the same database (a restart) finds the account there and signs in anyway.
  await app.backroom.users.createUser({ email: 'yan@example.test', password: TEST_PASSWORD, role: 'customer' })
  const yan = await headersFor(app, { email: 'yan@example.test' })
  assert.equal((await app.inject({ url: '/auth/me', headers: yan })).json().email, 'yan@example.test')
})

test('staff find customers (customers:read), never staff or admin accounts; /auth/me lists permissions', async (t) => {
  const app = await testApp(t)
  const staff = await headersFor(app, { email: 'sam@example.test', role: 'staff' })
  await headersFor(app, { email: 'boss@example.test', role: 'admin' })
  const customer = await headersFor(app, { email: 'cleo@example.test' })

  const found = await app.inject({ url: '/admin/customers?email=CLEO@example.test', headers: staff })
  assert.equal(found.statusCode, 200, found.body)
  assert.deepEqual(
    found.json().items.map((u: { email: string }) => u.email),
    ['cleo@example.test'],
  )
  const all = (await app.inject({ url: '/admin/customers', headers: staff })).json()
  assert.deepEqual(
    all.items.map((u: { role: string }) => u.role),
    ['customer'],
  )
  assert.equal(
    (await app.inject({ url: '/admin/customers?email=boss@example.test', headers: staff })).json().items.length,
    0,
  )
  const asAdmin = (await app.inject({ url: '/admin/customers?role=admin', headers: staff })).json()
  assert.deepEqual(
    asAdmin.items.map((u: { role: string }) => u.role),
    ['customer'],
    'no role parameter reaches the list',
  )
  assert.equal((await app.inject({ url: '/admin/customers?email=not-an-email', headers: staff })).statusCode, 400)
  assert.equal((await app.inject({ url: '/admin/customers', headers: customer })).statusCode, 403)
  assert.equal((await app.inject({ url: '/admin/users', headers: staff })).statusCode, 403)

  const me = (await app.inject({ url: '/auth/me', headers: staff })).json()
  assert.ok(me.permissions.includes('customers:read'))
  assert.ok(!me.permissions.includes('users:manage'))
  assert.deepEqual((await app.inject({ url: '/auth/me', headers: customer })).json().permissions, [])
})
