/**
 * What a payment provider does for Backroom. Amounts are integer minor units; `reference` is the
 * provider's id for the authorization (a test authorization id, a Stripe PaymentIntent id).
 */
import type { Config } from '../../platform/config.ts'
import type { Db } from '../../platform/db/types.ts'
import { createStripeProvider } from './stripe-provider.ts'
import { createTestProvider, type TestProvider } from './test-provider.ts'

export interface AuthorizeInput {
  /** Our payment id (provider metadata). */
  paymentId: string
  /**
   * Derived from the payment id (`authorize-<paymentId>`): a repeated call with it (a retry, the
   * checkout sweep) is the same authorization, answered again and never made twice.
   */
  idempotencyKey: string
  amount: number
  currency: string
  /**
   * Test provider: a card token from POST /payments/test/cards; absent when the checkout sweep asks
   * again about an authorization it never saw answered. Stripe: unused (the client confirms).
   */
  paymentMethod?: string
}

export type AuthorizeResult =
  /** The money is held; capture it later. */
  | { status: 'authorized'; reference: string; card: { brand: string; last4: string } | null }
  /** The client must act: confirm a Stripe PaymentIntent with `clientSecret`, or authenticate (3-D Secure). */
  | { status: 'requires_action'; reference: string; clientSecret: string | null; reason: string }
  | { status: 'failed'; reference: string | null; failureCode: string; card: { brand: string; last4: string } | null }

/** A provider event, verified and reduced to what changes a payment. */
export interface WebhookEvent {
  id: string
  type: string
  /** `authorized`, `captured`, `failed`, `canceled`, or `ignored` for events we do not act on. */
  effect: 'authorized' | 'captured' | 'failed' | 'canceled' | 'ignored'
  reference: string | null
  amount: number | null
  failureCode: string | null
}

export interface PaymentProvider {
  readonly name: 'test' | 'stripe'
  /**
   * Called outside any transaction of ours. Throws an `AppError` for a definite refusal (test
   * provider: `card-token-invalid`); any other error leaves the outcome unknown (outage, timeout),
   * and asking again with the same `idempotencyKey` tells.
   */
  authorize(input: AuthorizeInput): Promise<AuthorizeResult>
  capture(reference: string, amount: number, idempotencyKey: string): Promise<void>
  refund(reference: string, amount: number, idempotencyKey: string): Promise<{ reference: string }>
  /**
   * Releases an uncaptured authorization (Stripe: cancels the PaymentIntent, so it can no longer be
   * confirmed or captured). Repeating a void that already happened succeeds.
   */
  void(reference: string, idempotencyKey: string): Promise<void>
  /** Verifies the signature over the raw body; throws `badRequest('webhook-signature-invalid')` (400: the route is public) otherwise. */
  parseWebhook(rawBody: string, headers: Record<string, string | string[] | undefined>): WebhookEvent
}

/** The provider PAYMENT_PROVIDER names (config has checked the Stripe secrets are present). */
export function providerFromConfig(
  config: Pick<Config, 'payments' | 'secret'>,
  db: Db,
): {
  provider: PaymentProvider
  testProvider: TestProvider | null
} {
  if (config.payments.provider === 'test') {
    const testProvider = createTestProvider({ db, secret: config.secret, latencyMs: config.payments.testLatencyMs })
    return { provider: testProvider, testProvider }
  }
  const { stripeSecretKey, stripeWebhookSecret } = config.payments
  if (!stripeSecretKey || !stripeWebhookSecret)
    throw new Error('Stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET')
  return {
    provider: createStripeProvider({ secretKey: stripeSecretKey, webhookSecret: stripeWebhookSecret }),
    testProvider: null,
  }
}
