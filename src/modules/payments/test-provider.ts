/**
 * The built-in test card processor. Cards are tokenized by its own endpoint; only the token's hash,
 * brand, last four, expiry and the test outcome are kept. Authorization uses a token once, and
 * answers by the well-known test numbers (cards.ts). Webhooks are signed with HMAC-SHA256 over
 * `<timestamp>.<body>` using BACKROOM_SECRET (`Backroom-Test-Signature: t=…,v1=…`), for simulating
 * asynchronous provider events in development. Voids and refunds are recorded in memory (`voids()`,
 * `refunds()`), and
 * `failNext` simulates an outage of one operation, for tests of what happens when a provider fails.
 * An authorization is recorded on its card token with its idempotency key, so asking again with the
 * key answers the same result (also after a restart) and never authorizes twice. `latencyMs`
 * (PAYMENT_TEST_LATENCY_MS) delays every call on a timer, as a remote processor would.
 */
import { createHmac, hash, timingSafeEqual } from 'node:crypto'
import { newId } from '../../platform/db/ids.ts'
import type { Db } from '../../platform/db/types.ts'
import { badRequest, invalid } from '../../platform/errors.ts'
import { type CardInput, type CardSummary, checkCard } from './cards.ts'
import type { AuthorizeInput, AuthorizeResult, PaymentProvider, WebhookEvent } from './provider.ts'
import * as store from './store.ts'

export const TOKEN_LIFETIME_MS = 60 * 60 * 1000
export const SIGNATURE_TOLERANCE_S = 300
export const TEST_SIGNATURE_HEADER = 'backroom-test-signature'

/** The operations `failNext` can make fail. */
export type TestProviderOperation = 'authorize' | 'capture' | 'refund' | 'void'

/**
 * How a simulated failure looks: `outage` throws before the provider does anything; `timeout` does
 * the operation and then throws, as a response lost on the way back would.
 */
export type TestFailure = 'outage' | 'timeout'

export interface TestProvider extends PaymentProvider {
  readonly name: 'test'
  /** Checks and tokenizes a card. The number and CVC go no further than this call. */
  tokenize(card: CardInput): Promise<{ token: string } & Omit<CardSummary, 'outcome'>>
  /** The references voided so far, once each (a repeated void with the same idempotency key is one). */
  voids(): string[]
  /** The refunds made so far, in order, once each (a repeated refund with the same idempotency key is one). */
  refunds(): { reference: string; amount: number }[]
  /** The next `times` calls of `operation` throw, as a provider outage (or, for `timeout`, a lost answer) would. */
  failNext(operation: TestProviderOperation, times?: number, failure?: TestFailure): void
  /** Authorizations made so far (once per idempotency key, however often it was asked). */
  authorizations(): number
}

export function createTestProvider(deps: {
  db: Db
  secret: string
  /** Every call waits this long first (a timer; the event loop stays free). */
  latencyMs?: number
  now?: () => number
}): TestProvider {
  const { db } = deps
  const now = deps.now ?? Date.now
  const latencyMs = deps.latencyMs ?? 0
  const voided = new Map<string, string>() // idempotency key -> reference
  const refunded = new Map<string, { reference: string; amount: number }>() // idempotency key -> refund
  const refundReferences = new Map<string, string>() // idempotency key -> the refund's own id
  const failures: Record<TestProviderOperation, TestFailure[]> = { authorize: [], capture: [], refund: [], void: [] }
  let authorized = 0
  return {
    name: 'test',
    tokenize,
    authorize,
    capture,
    refund,
    void: voidAuthorization,
    parseWebhook,
    voids: () => [...new Set(voided.values())],
    refunds: () => [...refunded.values()],
    failNext,
    authorizations: () => authorized,
  }

  function failNext(operation: TestProviderOperation, times = 1, failure: TestFailure = 'outage'): void {
    for (let i = 0; i < times; i++) failures[operation].push(failure)
  }

  async function tokenize(card: CardInput) {
    const summary = checkCard(card, now())
    const token = newId('tok')
    await store.insertCardToken(db, {
      token_hash: hashToken(token),
      brand: summary.brand,
      last4: summary.last4,
      exp_month: summary.expMonth,
      exp_year: summary.expYear,
      outcome: summary.outcome,
      created_at: now(),
      used_at: null,
      authorization_key: null,
      authorization_reference: null,
    })
    const { outcome: _outcome, ...kept } = summary
    return { token, ...kept }
  }

  /**
   * Uses the card token once, recording the idempotency key on it (one conditional statement); the
   * same key asked again answers what the token's outcome gave, without the token.
   */
  async function authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
    const failure = await remote('authorize')
    const card = (await useToken(input)) ?? (await store.findCardAuthorization(db, input.idempotencyKey))
    if (card?.fresh) authorized++
    if (failure === 'timeout') throw new Error('test provider: simulated authorize timeout (the answer was lost)')
    if (!card) throw invalid('card-token-invalid', 'The card token is unknown, expired or already used')
    const { reference } = card
    const summary = { brand: card.brand, last4: card.last4 }
    switch (card.outcome) {
      case 'success':
        return { status: 'authorized', reference, card: summary }
      case 'requires_authentication':
        return { status: 'requires_action', reference, clientSecret: null, reason: 'authentication_required' }
      case 'insufficient_funds':
        return { status: 'failed', reference, failureCode: 'insufficient_funds', card: summary }
      default:
        return { status: 'failed', reference, failureCode: 'card_declined', card: summary }
    }
  }

  /**
   * The token's first use, for this key. Undefined when the token is unknown or used (the key may have
   * used it: the caller looks the key up); the key is unique, so an ask with another token for a key
   * that already authorized is answered with that authorization.
   */
  async function useToken(input: AuthorizeInput) {
    if (!input.paymentMethod) return undefined
    try {
      return await store.authorizeCardToken(db, {
        tokenHash: hashToken(input.paymentMethod),
        idempotencyKey: input.idempotencyKey,
        reference: newId('tauth'),
        now: now(),
        maxAgeMs: TOKEN_LIFETIME_MS,
      })
    } catch (error) {
      const won = await store.findCardAuthorization(db, input.idempotencyKey) // the key is unique
      if (!won) throw error
      return won
    }
  }

  async function capture(): Promise<void> {
    await remote('capture', true)
  }

  async function refund(reference: string, amount: number, idempotencyKey: string): Promise<{ reference: string }> {
    await remote('refund', true)
    // Like a real provider: the same key is the same refund, answered again, never made twice.
    const made = refundReferences.get(idempotencyKey)
    if (made) return { reference: made }
    const id = newId('tref')
    refunded.set(idempotencyKey, { reference, amount })
    refundReferences.set(idempotencyKey, id)
    return { reference: id }
  }

  async function voidAuthorization(reference: string, idempotencyKey: string): Promise<void> {
    await remote('void', true)
    if (!voided.has(idempotencyKey)) voided.set(idempotencyKey, reference)
  }

  /**
   * The round trip to the "remote" processor: waits `latencyMs`, then throws a simulated outage, or
   * returns a simulated timeout for the caller to throw once the operation is done (`anyFailure`: a
   * timeout of an operation without its own handling counts as an outage).
   */
  async function remote(operation: TestProviderOperation, anyFailure = false): Promise<TestFailure | undefined> {
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs))
    const failure = failures[operation].shift()
    if (failure === 'outage' || (failure && anyFailure)) throw new Error(`test provider: simulated ${operation} outage`)
    return failure
  }

  function parseWebhook(rawBody: string, headers: Record<string, string | string[] | undefined>): WebhookEvent {
    const header = headers[TEST_SIGNATURE_HEADER]
    const match = typeof header === 'string' ? /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) : null
    const fresh = match && Math.abs(now() / 1000 - Number(match[1])) <= SIGNATURE_TOLERANCE_S
    if (!match || !fresh || !safeEqual(match[2], signTestPayload(deps.secret, rawBody, Number(match[1])).v1)) {
      throw badRequest('webhook-signature-invalid', 'The webhook signature does not verify')
    }
    const event = JSON.parse(rawBody) as { id: string; type: string; reference?: string; amount?: number }
    const effects: Record<string, WebhookEvent['effect']> = {
      'payment.authorized': 'authorized',
      'payment.captured': 'captured',
      'payment.failed': 'failed',
      'payment.canceled': 'canceled',
    }
    return {
      id: String(event.id),
      type: String(event.type),
      effect: effects[event.type] ?? 'ignored',
      reference: event.reference ?? null,
      amount: event.amount ?? null,
      failureCode: event.type === 'payment.failed' ? 'card_declined' : null,
    }
  }
}

/** The signature header for a test webhook body (exported for tests and local tooling). */
export function signTestPayload(secret: string, rawBody: string, timestamp: number) {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')
  return { v1, header: `t=${timestamp},v1=${v1}` }
}

function hashToken(token: string): string {
  return hash('sha256', token) // one-shot: a createHash object per call cost ~3x as much (issue 11)
}

function safeEqual(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)]
  return x.length === y.length && timingSafeEqual(x, y)
}
