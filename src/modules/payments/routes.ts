/** Payment endpoints: test-card tokenization, staff capture and refunds, and provider webhooks. */
import type { App } from '../../platform/http/types.ts'
import type { Actor } from '../../platform/security/actor.ts'
import { limits } from '../../platform/security/rate-limits.ts'
import { CaptureBody, CardBody, CardTokenView, PaymentParams, PaymentView, RefundBody, WebhookAck } from './schemas.ts'
import type { PaymentService } from './service.ts'
import type { TestProvider } from './test-provider.ts'

export async function paymentRoutes(
  app: App,
  { payments, testProvider }: { payments: PaymentService; testProvider: TestProvider | null },
) {
  const tags = ['payments']

  if (testProvider) {
    app.post(
      '/payments/test/cards',
      {
        schema: {
          summary: 'Tokenize a card with the built-in test processor',
          description:
            'Test numbers: 4242424242424242 succeeds, 4000000000000002 is declined, 4000000000009995 has ' +
            'insufficient funds, 4000002500003155 requires authentication. Only the token, brand, last four ' +
            'and expiry are kept.',
          tags,
          body: CardBody,
          response: { 201: CardTokenView },
        },
        // A card-testing target: the brute-force class.
        config: { auth: 'public', rateLimit: limits.auth },
      },
      async (req, reply) => reply.code(201).send(await testProvider.tokenize(req.body)),
    )
  }

  app.get(
    '/payments/:paymentId',
    {
      schema: { summary: 'A payment and its ledger', tags, params: PaymentParams, response: { 200: PaymentView } },
      config: { auth: { permission: 'orders:read' }, rateLimit: limits.read },
    },
    (req) => payments.get(req.params.paymentId),
  )
  app.post(
    '/payments/:paymentId/capture',
    {
      schema: {
        summary: 'Capture an authorized payment (Idempotency-Key honoured)',
        tags,
        params: PaymentParams,
        body: CaptureBody,
        response: { 200: PaymentView },
      },
      config: { auth: { permission: 'orders:write' }, rateLimit: limits.write, idempotent: true },
    },
    (req) => payments.capture(req.params.paymentId, req.body.amount, actorId(req.actor)),
  )
  app.post(
    '/payments/:paymentId/refunds',
    {
      schema: {
        summary: 'Refund part or all of a captured payment (Idempotency-Key honoured)',
        tags,
        params: PaymentParams,
        body: RefundBody,
        response: { 200: PaymentView },
      },
      config: { auth: { permission: 'orders:write' }, rateLimit: limits.write, idempotent: true },
    },
    (req) => payments.refund(req.params.paymentId, req.body.amount, actorId(req.actor)),
  )

  // Signatures cover the exact bytes sent, so this route reads its body as raw text.
  await app.register(async (raw) => {
    raw.removeAllContentTypeParsers()
    raw.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body))
    raw.post(
      `/payments/webhooks/${payments.providerName}`,
      {
        schema: {
          summary: "The configured provider's webhook (signature verified)",
          tags,
          response: { 200: WebhookAck },
        },
        config: { auth: 'public', rateLimit: limits.probe },
      },
      (req) => payments.handleWebhook(String(req.body ?? ''), req.headers),
    )
  })
}

/** Who a ledger entry records as having moved the money. */
function actorId(actor: Actor): string {
  return actor.userId ?? actor.apiKeyId ?? 'system'
}
