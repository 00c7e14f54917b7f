/**
 * Stripe through the official SDK. The server creates a PaymentIntent with manual capture and hands
 * its client secret to the front-end, which confirms it (Stripe.js, 3-D Secure included); the
 * `payment_intent.amount_capturable_updated` webhook then marks the payment authorized. Capture,
 * refunds and voids (cancelling the PaymentIntent) go through the API with idempotency keys. Webhooks
 * are verified with the signing secret.
 */
import Stripe from 'stripe'
import { badRequest } from '../../platform/errors.ts'
import type { AuthorizeInput, AuthorizeResult, PaymentProvider, WebhookEvent } from './provider.ts'

export interface StripeProviderOptions {
  secretKey: string
  webhookSecret: string
  /** Tests pass a client whose HTTP goes to a fake (no network). */
  client?: Stripe
}

const EFFECTS: Record<string, WebhookEvent['effect']> = {
  'payment_intent.amount_capturable_updated': 'authorized',
  'payment_intent.succeeded': 'captured',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.canceled': 'canceled',
}

export function createStripeProvider(options: StripeProviderOptions): PaymentProvider {
  const stripe = options.client ?? new Stripe(options.secretKey, { maxNetworkRetries: 2, timeout: 20_000 })
  return { name: 'stripe', authorize, capture, refund, void: cancelIntent, parseWebhook }

  async function authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
    const intent = await stripe.paymentIntents.create(
      {
        amount: input.amount,
        currency: input.currency.toLowerCase(),
        capture_method: 'manual',
        automatic_payment_methods: { enabled: true },
        metadata: { paymentId: input.paymentId },
      },
      { idempotencyKey: input.idempotencyKey },
    )
    return {
      status: 'requires_action',
      reference: intent.id,
      clientSecret: intent.client_secret,
      reason: 'client_confirmation',
    }
  }

  async function capture(reference: string, amount: number, idempotencyKey: string): Promise<void> {
    await stripe.paymentIntents.capture(reference, { amount_to_capture: amount }, { idempotencyKey })
  }

  async function refund(reference: string, amount: number, idempotencyKey: string) {
    const created = await stripe.refunds.create({ payment_intent: reference, amount }, { idempotencyKey })
    return { reference: created.id }
  }

  async function cancelIntent(reference: string, idempotencyKey: string): Promise<void> {
    try {
      await stripe.paymentIntents.cancel(reference, {}, { idempotencyKey })
    } catch (error) {
      // A retry after Stripe forgot the idempotency key (24 h) finds the intent already canceled: done.
      if (error instanceof Stripe.errors.StripeError && error.payment_intent?.status === 'canceled') return
      throw error
    }
  }

  function parseWebhook(rawBody: string, headers: Record<string, string | string[] | undefined>): WebhookEvent {
    const signature = headers['stripe-signature']
    let event: Stripe.Event
    try {
      if (typeof signature !== 'string') throw new Error('no signature')
      event = stripe.webhooks.constructEvent(rawBody, signature, options.webhookSecret)
    } catch {
      throw badRequest('webhook-signature-invalid', 'The webhook signature does not verify')
    }
    const effect = EFFECTS[event.type] ?? 'ignored'
    const object = event.data.object as Partial<Stripe.PaymentIntent>
    const isIntent = object.object === 'payment_intent'
    return {
      id: event.id,
      type: event.type,
      effect: isIntent ? effect : 'ignored',
      reference: isIntent ? (object.id ?? null) : null,
      amount: !isIntent
        ? null
        : effect === 'captured'
          ? (object.amount_received ?? null)
          : effect === 'authorized'
            ? (object.amount_capturable ?? null)
            : null,
      failureCode: effect === 'failed' ? (object.last_payment_error?.code ?? 'payment_failed') : null,
    }
  }
}
