import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { buildApp } from '../../../src/app.ts'
import { createPaymentService, requireAuthorized } from '../../../src/modules/payments/service.ts'
import { createTestProvider, signTestPayload } from '../../../src/modules/payments/test-provider.ts'
import type { App } from '../../../src/platform/http/types.ts'
import { headersFor, logCapture, testApp, testConfig, usingPostgres } from '../../helpers.ts'

const NUMBER = '4242424242424242'
const CVC = '739'
const HOLDER = 'Zebulon Quintessa'

function servicesOf(app: App) {
  const provider = createTestProvider({ db: app.backroom.database.db, secret: app.backroom.config.secret })
  return { provider, payments: createPaymentService({ db: app.backroom.database.db, provider }) }
}

async function tokenize(app: App, cardNumber: string, extra: object = {}) {
  return app.inject({
    method: 'POST',
    url: '/payments/test/cards',
    payload: { cardNumber, expMonth: 12, expYear: 2099, cvc: CVC, cardHolder: HOLDER, ...extra },
  })
}

async function everyRow(app: App): Promise<string> {
  const db = app.backroom.database.db
  const tables = usingPostgres
    ? (
        await sql<{
          name: string
        }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db)
      ).rows
    : (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows
  assert.ok(tables.length >= 5)
  const dumps: string[] = []
  for (const { name } of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)
    dumps.push(`${name}:${JSON.stringify(rows)}`)
  }
  return dumps.join('\n')
}

test('test card processor: tokenize, authorize, capture, refund; the number and CVC are never stored, logged or returned', async (t) => {
  const logs = logCapture()
  const app = await testApp(t, { logLevel: 'trace' }, { logStream: logs.stream })
  const { payments } = servicesOf(app)
  const staff = await headersFor(app, { email: 'staff@example.test', role: 'staff' })
  const db = app.backroom.database.db
  const responses: string[] = []

  const tokenized = await tokenize(app, '4242 4242 4242 4242')
  responses.push(tokenized.body)
  assert.equal(tokenized.statusCode, 201, tokenized.body)
  const card = tokenized.json()
  assert.deepEqual(Object.keys(card).sort(), ['brand', 'expMonth', 'expYear', 'last4', 'token'])
  assert.equal(card.brand, 'visa')
  assert.equal(card.last4, '4242')

  // Refusals (validation and rules) go through the logs too.
  for (const [payload, status] of [
    [{ cvc: '7' }, 400],
    [{ cvc: '7391' }, 422],
    [{ expYear: 2001 }, 422],
  ] as const) {
    const res = await tokenize(app, NUMBER, payload)
    responses.push(res.body)
    assert.equal(res.statusCode, status, res.body)
  }
  const badLuhn = await tokenize(app, '4242424242424241')
  responses.push(badLuhn.body)
  assert.equal(badLuhn.json().code, 'card-number-invalid')

  const payment = await payments.authorize(db, {
    amount: 1000,
    currency: 'EUR',
    paymentMethod: card.token,
    customerId: 'usr_alice',
  })
  assert.equal(payment.status, 'authorized')
  assert.deepEqual(payment.card, { brand: 'visa', last4: '4242' })
  requireAuthorized(payment)
  // A token works once.
  await assert.rejects(payments.authorize(db, { amount: 1000, currency: 'EUR', paymentMethod: card.token }), {
    code: 'card-token-invalid',
  })

  const capture = (headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: `/payments/${payment.id}/capture`, headers, payload: {} })
  const captured = await capture({ ...staff, 'idempotency-key': 'cap-1' })
  responses.push(captured.body)
  assert.equal(captured.statusCode, 200, captured.body)
  assert.equal(captured.json().status, 'captured')
  assert.equal(captured.json().amountCaptured, 1000)
  assert.equal((await capture({ ...staff, 'idempotency-key': 'cap-1' })).headers['idempotent-replayed'], 'true')
  assert.equal((await capture(staff)).json().code, 'payment-not-capturable')

  const refund = (amount: number) =>
    app.inject({ method: 'POST', url: `/payments/${payment.id}/refunds`, headers: staff, payload: { amount } })
  const partial = await refund(300)
  responses.push(partial.body)
  assert.equal(partial.json().status, 'partially_refunded')
  assert.equal(partial.json().refundable, 700)
  const over = await refund(701)
  assert.equal(over.statusCode, 409)
  assert.equal(over.json().code, 'refund-exceeds-captured')
  assert.equal(over.json().refundable, 700)
  const rest = await refund(700)
  assert.equal(rest.json().status, 'refunded')
  assert.equal(rest.json().amountRefunded, 1000)
  assert.deepEqual(
    rest.json().transactions.map((x: { kind: string; amount: number }) => [x.kind, x.amount]),
    [
      ['authorize', 1000],
      ['capture', 1000],
      ['refund', 300],
      ['refund', 700],
    ],
  )
  assert.equal((await refund(1)).statusCode, 409)

  // Now look everywhere.
  const stored = await everyRow(app)
  assert.match(stored, /payment_card_token/)
  // The worst case for logs: an unexpected failure, where the error handler logs the request body.
  await sql`drop table payment_card_token`.execute(db)
  const failed = await tokenize(app, NUMBER)
  responses.push(failed.body)
  assert.equal(failed.statusCode, 500)
  const logText = logs.text()
  assert.ok(logs.lines.length > 10, 'requests were logged')
  assert.match(logText, /"cardNumber":"\[redacted\]"/)
  assert.match(logText, /"cvc":"\[redacted\]"/)
  for (const [where, text] of [
    ['database', stored],
    ['logs', logText],
    ['responses', responses.join('\n')],
  ] as const) {
    for (const needle of [NUMBER, '4242 4242 4242 4242', '4242424242424241', HOLDER]) {
      assert.ok(!text.includes(needle), `${needle} found in the ${where}`)
    }
    // The CVC is short, so look for it as a value, not as any three digits inside an id or hash.
    for (const cvc of [CVC, '7391']) {
      // As a JSON string value or a form/query value; every `cvc` key is checked for redaction below.
      assert.ok(!text.includes(`"${cvc}"`) && !new RegExp(`=${cvc}\\b`).test(text), `CVC found in the ${where}`)
    }
  }
  for (const line of logs.lines) {
    JSON.parse(line, (key, value) => {
      if (['cardNumber', 'cvc', 'cardHolder'].includes(key)) assert.equal(value, '[redacted]', `${key} in ${line}`)
      return value
    })
  }
})

test('test numbers decide the outcome', async (t) => {
  const app = await testApp(t)
  const { payments } = servicesOf(app)
  const db = app.backroom.database.db
  const outcome = async (number: string) => {
    const token = (await tokenize(app, number)).json().token
    return payments.authorize(db, { amount: 500, currency: 'EUR', paymentMethod: token })
  }
  const declined = await outcome('4000000000000002')
  assert.deepEqual([declined.status, declined.failureCode], ['failed', 'card_declined'])
  assert.throws(() => requireAuthorized(declined), { code: 'payment-declined' })
  const poor = await outcome('4000000000009995')
  assert.deepEqual([poor.status, poor.failureCode], ['failed', 'insufficient_funds'])
  const auth = await outcome('4000002500003155')
  assert.deepEqual([auth.status, auth.failureCode], ['requires_action', 'authentication_required'])
  const other = await outcome('5555555555554444')
  assert.deepEqual([other.status, other.card?.brand], ['authorized', 'mastercard'])
  await assert.rejects(payments.authorize(db, { amount: 500, currency: 'EUR', paymentMethod: 'tok_forged' }), {
    code: 'card-token-invalid',
  })
  // A failed payment cannot be captured.
  await assert.rejects(payments.capture(declined.id), { code: 'payment-not-capturable' })
})

test('refunds never exceed the captured amount, even when concurrent', async (t) => {
  const app = await testApp(t)
  const { payments } = servicesOf(app)
  const db = app.backroom.database.db
  const token = (await tokenize(app, NUMBER)).json().token
  const payment = await payments.authorize(db, { amount: 100, currency: 'EUR', paymentMethod: token })
  await payments.capture(payment.id)
  const results = await Promise.allSettled(Array.from({ length: 10 }, () => payments.refund(payment.id, 30)))
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 3)
  for (const r of results.filter((r) => r.status === 'rejected')) {
    assert.equal((r as PromiseRejectedResult).reason.code, 'refund-exceeds-captured')
  }
  const after = await payments.get(payment.id)
  assert.equal(after.amountRefunded, 90)
  assert.equal(after.transactions.filter((x) => x.kind === 'refund').length, 3)
  await payments.refund(payment.id, 10)
  assert.equal((await payments.get(payment.id)).status, 'refunded')
})

test('payment routes: staff only; the test webhook is verified', async (t) => {
  const app = await testApp(t)
  const { payments } = servicesOf(app)
  const customer = await headersFor(app, { email: 'alice@example.test' })
  const token = (await tokenize(app, NUMBER)).json().token
  const payment = await payments.authorize(app.backroom.database.db, {
    amount: 100,
    currency: 'EUR',
    paymentMethod: token,
  })
  assert.equal((await app.inject({ url: `/payments/${payment.id}` })).statusCode, 401)
  assert.equal((await app.inject({ url: `/payments/${payment.id}`, headers: customer })).statusCode, 403)
  const capture = await app.inject({
    method: 'POST',
    url: `/payments/${payment.id}/capture`,
    headers: customer,
    payload: {},
  })
  assert.equal(capture.statusCode, 403)
  assert.equal((await payments.get(payment.id)).status, 'authorized')

  const body = JSON.stringify({ id: 'evt_1', type: 'payment.canceled', reference: 'tauth_x' })
  const signed = signTestPayload(app.backroom.config.secret, body, Math.floor(Date.now() / 1000)).header
  const post = (headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/payments/webhooks/test',
      headers: { 'content-type': 'application/json', ...headers },
      payload: body,
    })
  assert.equal((await post({ 'backroom-test-signature': signed })).statusCode, 200)
  assert.equal((await post({})).statusCode, 400)
  const forged = signed.slice(0, -1) + (signed.endsWith('0') ? '1' : '0')
  assert.equal((await post({ 'backroom-test-signature': forged })).statusCode, 400)
  const stale = signTestPayload(app.backroom.config.secret, body, Math.floor(Date.now() / 1000) - 3600).header
  assert.equal((await post({ 'backroom-test-signature': stale })).statusCode, 400)
})

test('test provider: an authorization asked again with its key is the same one, never a second', async (t) => {
  const app = await testApp(t)
  const { provider } = servicesOf(app)
  const token = (await tokenize(app, NUMBER)).json().token
  const ask = (paymentMethod?: string, key = 'authorize-pay_1') =>
    provider.authorize({ paymentId: 'pay_1', idempotencyKey: key, amount: 100, currency: 'EUR', paymentMethod })
  const first = await ask(token)
  assert.equal(first.status, 'authorized')
  // Again with the card, without it (the checkout sweep), or with another card: the same answer.
  const other = (await tokenize(app, NUMBER)).json().token
  for (const again of [await ask(token), await ask(), await ask(other)]) assert.deepEqual(again, first)
  assert.equal(provider.authorizations(), 1)
  // The other card was not used by that: it still authorizes (under its own key).
  assert.equal((await ask(other, 'authorize-pay_2')).status, 'authorized')
  // A key never seen, without a card: refused (nothing was authorized).
  await assert.rejects(ask(undefined, 'authorize-pay_3'), { code: 'card-token-invalid' })
  // A lost answer (timeout): the authorization happened, and asking again tells.
  const third = (await tokenize(app, NUMBER)).json().token
  provider.failNext('authorize', 1, 'timeout')
  await assert.rejects(ask(third, 'authorize-pay_4'), /timeout/)
  assert.equal((await ask(undefined, 'authorize-pay_4')).status, 'authorized')
  assert.equal(provider.authorizations(), 3)
})

test('PAYMENT_TEST_LATENCY_MS delays every test provider call on a timer', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] })
  const { createTestProvider } = await import('../../../src/modules/payments/test-provider.ts')
  const provider = createTestProvider({ db: undefined as never, secret: 'x', latencyMs: 400 })
  let done = false
  const call = provider.void('tauth_1', 'void-1').then(() => {
    done = true
  })
  await Promise.resolve()
  t.mock.timers.tick(399)
  await Promise.resolve()
  assert.equal(done, false)
  t.mock.timers.tick(1)
  await call
  assert.equal(done, true)
  assert.deepEqual(provider.voids(), ['tauth_1'])
})

test('the app hands PAYMENT_TEST_LATENCY_MS to its test provider', async (t) => {
  const settled = async (latency: string) => {
    const app = await buildApp(testConfig({}, { PAYMENT_TEST_LATENCY_MS: latency }))
    t.after(() => app.close())
    const provider = app.backroom.testProvider
    assert.ok(provider)
    t.mock.timers.enable({ apis: ['setTimeout'] })
    try {
      let done = false
      const call = provider.void('tauth_1', 'void-1').then(() => {
        done = true
      })
      const after = async (ms: number) => {
        t.mock.timers.tick(ms)
        await new Promise((resolve) => setImmediate(resolve)) // not mocked: every promise job runs first
        return done
      }
      const steps = [await after(0), await after(299), await after(1)]
      await call
      return steps
    } finally {
      t.mock.timers.reset()
    }
  }
  // Done only once the configured latency has passed on the (fake) clock; without it, at once.
  assert.deepEqual(await settled('300'), [false, false, true])
  assert.deepEqual(await settled('0'), [true, true, true])
})

test('test provider: a repeated refund idempotency key is the same refund, not a second one', async (t) => {
  const app = await testApp(t)
  const { provider } = servicesOf(app)
  const first = await provider.refund('tauth_1', 500, 'rfd_a')
  provider.failNext('refund')
  await assert.rejects(provider.refund('tauth_1', 500, 'rfd_a'), /simulated refund outage/)
  assert.deepEqual(await provider.refund('tauth_1', 500, 'rfd_a'), first)
  const other = await provider.refund('tauth_1', 500, 'rfd_b')
  assert.notEqual(other.reference, first.reference)
  assert.deepEqual(provider.refunds(), [
    { reference: 'tauth_1', amount: 500 },
    { reference: 'tauth_1', amount: 500 },
  ])
})
