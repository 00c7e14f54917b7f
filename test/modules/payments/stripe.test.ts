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

/** A Stripe API stand-in: answers the calls we make, records them, fails on demand. No network. */
function fakeStripe() {
  const calls: Call[] = []
  let failNext = false
  let intents = 0
  /** Cancelling answers what Stripe does for an intent canceled earlier (after its idempotency key expired). */
  let alreadyCanceled = false
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
      intents++
      return json(200, {
        id: `pi_${intents}`,
        object: 'payment_intent',
        amount: Number(body.get('amount')),
        client_secret: `pi_${intents}_secret_xyz`,
        status: 'requires_payment_method',
      })
    }
    const capture = /^\/v1\/payment_intents\/(pi_\d+)\/capture$/.exec(pathname)
    if (capture) {
      return json(200, {
        id: capture[1],
        object: 'payment_intent',
        status: 'succeeded',
        amount_received: Number(body.get('amount_to_capture')),
      })
    }
    const cancel = /^\/v1\/payment_intents\/(pi_\d+)\/cancel$/.exec(pathname)
    if (cancel && alreadyCanceled) {
      return json(400, {
        error: {
          type: 'invalid_request_error',
          code: 'payment_intent_unexpected_state',
          message: 'You cannot cancel this PaymentIntent because it has a status of canceled.',
          payment_intent: { id: cancel[1], object: 'payment_intent', status: 'canceled' },
        },
      })
    }
    if (cancel) return json(200, { id: cancel[1], object: 'payment_intent', status: 'canceled' })
    if (pathname === '/v1/refunds')
      return json(200, { id: `re_${calls.length}`, object: 'refund', amount: Number(body.get('amount')) })
    return json(404, { error: { type: 'invalid_request_error', message: 'unknown' } })
  }
  const client = new Stripe(SECRET_KEY, {
    httpClient: Stripe.createFetchHttpClient(fetchFn as typeof fetch),
    maxNetworkRetries: 0,
  })
  return {
    client,
    calls,
    failOnce: () => (failNext = true),
    answerAlreadyCanceled: (on: boolean) => (alreadyCanceled = on),
  }
}

function signed(client: Stripe, event: object) {
  const payload = JSON.stringify(event)
  return { payload, header: client.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) }
}

function intentEvent(id: string, type: string, object: object, intentId = 'pi_1') {
  return { id, object: 'event', type, data: { object: { id: intentId, object: 'payment_intent', ...object } } }
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

test('stripe: a void cancels the PaymentIntent; a failed void stays pending and is retried once', async (t) => {
  const app = await testApp(t)
  const db = app.backroom.database.db
  const fake = fakeStripe()
  const provider = createStripeProvider({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, client: fake.client })
  const payments = createPaymentService({ db, provider })
  const webhook = (event: object) => {
    const { payload, header } = signed(fake.client, event)
    return payments.handleWebhook(payload, { 'stripe-signature': header })
  }
  const cancels = () => fake.calls.filter((c) => c.path.endsWith('/cancel'))
  const authorized = async (amount: number) => {
    const started = await payments.authorize(db, { amount, currency: 'EUR' })
    const intentId = `pi_${fake.calls.filter((c) => c.path === '/v1/payment_intents').length}`
    await webhook(
      intentEvent(
        `evt_auth_${intentId}`,
        'payment_intent.amount_capturable_updated',
        { amount_capturable: amount },
        intentId,
      ),
    )
    assert.equal((await payments.get(started.id)).status, 'authorized')
    return { id: started.id, intentId }
  }

  // The provider fails: the claim stands (the order's cancel is not undone), the void stays pending.
  const first = await authorized(2500)
  assert.equal(await db.transaction().execute((trx) => payments.claimVoid(trx, first.id)), true)
  fake.failOnce()
  assert.equal(await payments.settleVoid(first.id), false)
  assert.equal((await payments.get(first.id)).status, 'voiding')
  await assert.rejects(payments.capture(first.id), { code: 'payment-not-capturable' })
  assert.equal((await payments.retryVoids(Date.now())).voided, 0, 'too recent: the cancel itself may still be trying')
  // Two nodes sweeping at once: one lease, one provider call.
  const later = Date.now() + 61_000
  const sweeps = await Promise.all([payments.retryVoids(later), payments.retryVoids(later)])
  assert.equal(sweeps[0].voided + sweeps[1].voided, 1)
  const voided = await payments.get(first.id)
  assert.equal(voided.status, 'voided')
  assert.deepEqual(
    voided.transactions.map((tx) => [tx.kind, tx.amount, tx.reference]),
    [
      ['authorize', 2500, first.intentId],
      ['void', 2500, first.intentId],
    ],
  )
  assert.equal(cancels().length, 2, 'the failed call and one retry')
  for (const call of cancels()) {
    assert.equal(call.path, `/v1/payment_intents/${first.intentId}/cancel`)
    assert.equal(call.idempotencyKey, `void-${first.id}`)
  }
  assert.equal(await payments.settleVoid(first.id), true, 'settling again does nothing')
  assert.equal(cancels().length, 2)

  // Stripe forgot the idempotency key and says the intent is canceled already: that is a void.
  const second = await authorized(700)
  await db.transaction().execute((trx) => payments.claimVoid(trx, second.id))
  fake.answerAlreadyCanceled(true)
  assert.equal(await payments.settleVoid(second.id), true)
  fake.answerAlreadyCanceled(false)
  assert.equal((await payments.get(second.id)).status, 'voided')

  // The payment_intent.canceled webhook may arrive first: it records the void, once.
  const third = await authorized(300)
  await db.transaction().execute((trx) => payments.claimVoid(trx, third.id))
  await webhook(intentEvent('evt_cancel_3', 'payment_intent.canceled', {}, third.intentId))
  const viaWebhook = await payments.get(third.id)
  assert.equal(viaWebhook.status, 'voided')
  assert.equal(await payments.settleVoid(third.id), true)
  assert.equal((await payments.get(third.id)).transactions.filter((tx) => tx.kind === 'void').length, 1)

  // A captured payment is never voided (refund it), and a claim on a voided one finds nothing to release.
  const fourth = await authorized(400)
  await payments.capture(fourth.id)
  await assert.rejects(
    db.transaction().execute((trx) => payments.claimVoid(trx, fourth.id)),
    (error: { code?: string; extras?: { paymentStatus?: string } }) =>
      error.code === 'payment-not-voidable' && error.extras?.paymentStatus === 'captured',
  )
  assert.equal((await payments.get(fourth.id)).status, 'captured')
  assert.equal(await db.transaction().execute((trx) => payments.claimVoid(trx, first.id)), false)
})

test('stripe: webhook signatures are verified (SDK test header), over HTTP', async (t) => {
  const app = await testApp(t, {
    payments: {
      provider: 'stripe',
      stripeSecretKey: SECRET_KEY,
      stripeWebhookSecret: WEBHOOK_SECRET,
      testLatencyMs: 0,
    },
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
