import assert from 'node:assert/strict'
import { test } from 'node:test'
import Stripe from 'stripe'
import { createPaymentService } from '../../../src/modules/payments/service.ts'
import { createStripeProvider } from '../../../src/modules/payments/stripe-provider.ts'
import { testApp } from '../../helpers.ts'

const SECRET_KEY = 'sk_test_backroom0000000000'
const WEBHOOK_SECRET = 'whsec_backroomtestsecret0000'

interface Call {
  method: string
  path: string
  body: URLSearchParams
  idempotencyKey: string | null
}

/** A Stripe API stand-in: answers the three calls we make, records them, fails on demand. No network. */
function fakeStripe() {
  const calls: Call[] = []
  let failNext = false
  const fetchFn = async (url: string | URL, init?: RequestInit) => {
    const { pathname } = new URL(String(url))
    const headers = new Headers(init?.headers)
    const body = new URLSearchParams(String(init?.body ?? ''))
    calls.push({ method: String(init?.method), path: pathname, body, idempotencyKey: headers.get('idempotency-key') })
    const json = (status: number, data: object) =>
      new Response(JSON.stringify(data), {
        status,
        headers: { 'content-type': 'application/json', 'request-id': 'req_1' },
      })
    if (failNext) {
      failNext = false
      return json(500, { error: { type: 'api_error', message: 'Stripe is having a bad day' } })
    }
    if (pathname === '/v1/payment_intents') {
      return json(200, {
        id: 'pi_1',
        object: 'payment_intent',
        amount: Number(body.get('amount')),
        client_secret: 'pi_1_secret_xyz',
        status: 'requires_payment_method',
      })
    }
    if (pathname === '/v1/payment_intents/pi_1/capture') {
      return json(200, {
        id: 'pi_1',
        object: 'payment_intent',
        status: 'succeeded',
        amount_received: Number(body.get('amount_to_capture')),
      })
    }
    if (pathname === '/v1/refunds')
      return json(200, { id: `re_${calls.length}`, object: 'refund', amount: Number(body.get('amount')) })
    return json(404, { error: { type: 'invalid_request_error', message: 'unknown' } })
  }
  const client = new Stripe(SECRET_KEY, {
    httpClient: Stripe.createFetchHttpClient(fetchFn as typeof fetch),
    maxNetworkRetries: 0,
  })
  return { client, calls, failOnce: () => (failNext = true) }
}

function signed(client: Stripe, event: object) {
  const payload = JSON.stringify(event)
  return { payload, header: client.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) }
}

function intentEvent(id: string, type: string, object: object) {
  return { id, object: 'event', type, data: { object: { id: 'pi_1', object: 'payment_intent', ...object } } }
}

test('stripe: PaymentIntent confirmed on the client, webhooks, capture and refunds through the SDK', async (t) => {
  const app = await testApp(t)
  const fake = fakeStripe()
  const provider = createStripeProvider({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, client: fake.client })
  const payments = createPaymentService({ db: app.backroom.database.db, provider })
  const webhook = (event: object) => {
    const { payload, header } = signed(fake.client, event)
    return payments.handleWebhook(payload, { 'stripe-signature': header })
  }

  const started = await payments.authorize(app.backroom.database.db, {
    amount: 2500,
    currency: 'EUR',
    customerId: 'usr_alice',
  })
  assert.equal(started.status, 'requires_action')
  assert.equal(started.clientSecret, 'pi_1_secret_xyz')
  assert.equal(started.failureCode, 'client_confirmation')
  const create = fake.calls[0]
  assert.equal(create.path, '/v1/payment_intents')
  assert.equal(create.body.get('amount'), '2500')
  assert.equal(create.body.get('currency'), 'eur')
  assert.equal(create.body.get('capture_method'), 'manual')
  assert.equal(create.body.get('metadata[paymentId]'), started.id)
  assert.equal(create.idempotencyKey, `authorize-${started.id}`)
  // The client secret is handed out, never stored.
  const row = await app.backroom.database.db
    .selectFrom('payment')
    .selectAll()
    .where('id', '=', started.id)
    .executeTakeFirstOrThrow()
  assert.ok(!JSON.stringify(row).includes('secret'))

  await assert.rejects(payments.capture(started.id), { code: 'payment-not-capturable' }) // not confirmed yet

  await webhook(intentEvent('evt_1', 'payment_intent.amount_capturable_updated', { amount_capturable: 2500 }))
  await webhook(intentEvent('evt_1', 'payment_intent.amount_capturable_updated', { amount_capturable: 2500 })) // redelivered
  const authorized = await payments.get(started.id)
  assert.equal(authorized.status, 'authorized')
  assert.equal(authorized.transactions.length, 1)

  fake.failOnce()
  await assert.rejects(payments.capture(started.id, 2000), { code: 'payment-provider-error' })
  assert.equal((await payments.get(started.id)).status, 'authorized') // the claim was given back

  const captured = await payments.capture(started.id, 2000)
  assert.equal(captured.status, 'captured')
  assert.equal(captured.amountCaptured, 2000)
  const capture = fake.calls.at(-1)!
  assert.equal(capture.path, '/v1/payment_intents/pi_1/capture')
  assert.equal(capture.body.get('amount_to_capture'), '2000')
  assert.equal(capture.idempotencyKey, `capture-${started.id}`)
  // Stripe then reports the success; it changes nothing.
  await webhook(intentEvent('evt_2', 'payment_intent.succeeded', { amount_received: 2000 }))
  assert.equal((await payments.get(started.id)).transactions.length, 2)

  fake.failOnce()
  await assert.rejects(payments.refund(started.id, 500), { code: 'payment-provider-error' })
  assert.equal((await payments.get(started.id)).amountRefunded, 0) // the reservation was given back
  const refunded = await payments.refund(started.id, 500)
  assert.equal(refunded.status, 'partially_refunded')
  assert.equal(refunded.refundable, 1500)
  const refundCall = fake.calls.at(-1)!
  assert.equal(refundCall.path, '/v1/refunds')
  assert.equal(refundCall.body.get('payment_intent'), 'pi_1')
  assert.equal(refundCall.body.get('amount'), '500')
  assert.match(refundCall.idempotencyKey ?? '', /^rfd_/)
  await assert.rejects(payments.refund(started.id, 1501), { code: 'refund-exceeds-captured' })
  assert.equal((await payments.refund(started.id, 1500)).status, 'refunded')
})

test('stripe: failed and canceled intents, events we ignore', async (t) => {
  const app = await testApp(t)
  const fake = fakeStripe()
  const provider = createStripeProvider({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, client: fake.client })
  const payments = createPaymentService({ db: app.backroom.database.db, provider })
  const webhook = (event: object) => {
    const { payload, header } = signed(fake.client, event)
    return payments.handleWebhook(payload, { 'stripe-signature': header })
  }
  const started = await payments.authorize(app.backroom.database.db, { amount: 900, currency: 'USD' })
  await webhook({
    id: 'evt_c',
    object: 'event',
    type: 'customer.created',
    data: { object: { id: 'cus_1', object: 'customer' } },
  })
  assert.equal((await payments.get(started.id)).status, 'requires_action')
  await webhook(
    intentEvent('evt_f', 'payment_intent.payment_failed', { last_payment_error: { code: 'card_declined' } }),
  )
  const failed = await payments.get(started.id)
  assert.deepEqual([failed.status, failed.failureCode], ['failed', 'card_declined'])
  await webhook(intentEvent('evt_late', 'payment_intent.amount_capturable_updated', { amount_capturable: 900 }))
  assert.equal((await payments.get(started.id)).status, 'failed') // a failed payment stays failed
})

test('stripe: webhook signatures are verified (SDK test header), over HTTP', async (t) => {
  const app = await testApp(t, {
    payments: { provider: 'stripe', stripeSecretKey: SECRET_KEY, stripeWebhookSecret: WEBHOOK_SECRET },
  })
  const client = new Stripe(SECRET_KEY)
  const event = intentEvent('evt_http', 'payment_intent.succeeded', { amount_received: 1 })
  const { payload, header } = signed(client, event)
  const post = (body: string, signature?: string) =>
    app.inject({
      method: 'POST',
      url: '/payments/webhooks/stripe',
      headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) },
      payload: body,
    })
  const ok = await post(payload, header)
  assert.equal(ok.statusCode, 200, ok.body)
  assert.deepEqual(ok.json(), { received: true })
  const events = () => app.backroom.database.db.selectFrom('payment_webhook_event').selectAll().execute()
  assert.equal((await events()).length, 1)

  assert.equal((await post(payload)).statusCode, 400)
  assert.equal((await post(payload.replace('evt_http', 'evt_evil'), header)).json().code, 'webhook-signature-invalid')
  const otherSecret = client.webhooks.generateTestHeaderString({ payload, secret: 'whsec_someoneelse0000' })
  assert.equal((await post(payload, otherSecret)).statusCode, 400)
  const old = client.webhooks.generateTestHeaderString({
    payload,
    secret: WEBHOOK_SECRET,
    timestamp: Math.floor(Date.now() / 1000) - 3600,
  })
  assert.equal((await post(payload, old)).statusCode, 400)
  assert.equal((await events()).length, 1)

  // With Stripe configured, the test card processor does not exist.
  assert.equal((await app.inject({ method: 'POST', url: '/payments/test/cards', payload: {} })).statusCode, 404)
})
