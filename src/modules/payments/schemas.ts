import { type Static, Type } from 'typebox'
import { Currency, Id, Line, Money, Timestamp } from '../../platform/http/schemas.ts'

/** Card details for the test processor. `cardNumber` and `cvc` are redacted from logs by name. */
export const CardBody = Type.Object(
  {
    cardNumber: Type.String({ pattern: '^[0-9][0-9 -]{10,24}[0-9]$', description: 'Digits, spaces or dashes allowed' }),
    expMonth: Type.Integer({ minimum: 1, maximum: 12 }),
    expYear: Type.Integer({ minimum: 2000, maximum: 2100 }),
    cvc: Type.String({ pattern: '^[0-9]{3,4}$' }),
    cardHolder: Line({ minLength: 1, maxLength: 100, description: 'Checked, never kept' }),
  },
  { additionalProperties: false },
)
export type CardBody = Static<typeof CardBody>

export const CardTokenView = Type.Object(
  {
    token: Type.String({ description: 'Single use, valid for one hour' }),
    brand: Type.String(),
    last4: Type.String(),
    expMonth: Type.Integer(),
    expYear: Type.Integer(),
  },
  { xml: { name: 'cardToken' } },
)

export const PaymentParams = Type.Object({ paymentId: Id })
export const CaptureBody = Type.Object(
  {
    amount: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1e12, description: 'Defaults to the authorized amount' }),
    ),
  },
  { additionalProperties: false },
)
export const RefundBody = Type.Object(
  { amount: Type.Integer({ minimum: 1, maximum: 1e12 }) },
  { additionalProperties: false },
)

export const PaymentView = Type.Object(
  {
    id: Id,
    provider: Type.String(),
    status: Type.String({
      description:
        'requires_action, authorized, capturing, captured, partially_refunded, refunded, failed, canceled, ' +
        'voiding (the order was cancelled; the authorization is being released at the provider) or voided',
    }),
    currency: Currency,
    amount: Money,
    amountCaptured: Money,
    amountRefunded: Money,
    refundable: Money,
    card: Type.Union([Type.Object({ brand: Type.String(), last4: Type.String() }), Type.Null()]),
    failureCode: Type.Union([Type.String(), Type.Null()]),
    orderId: Type.Union([Type.String(), Type.Null()]),
    transactions: Type.Array(
      Type.Object(
        {
          id: Id,
          kind: Type.String(),
          amount: Money,
          reference: Type.Union([Type.String(), Type.Null()]),
          createdAt: Timestamp,
        },
        { xml: { name: 'transaction' } },
      ),
    ),
    refunds: Type.Array(
      Type.Object(
        {
          id: Id,
          amount: Money,
          status: Type.String({
            description:
              'pending (at the provider, or retried in the background), succeeded (in the ledger) or failed (given back)',
          }),
          reference: Type.Union([Type.String(), Type.Null()]),
          attempts: Type.Integer(),
          createdAt: Timestamp,
        },
        { xml: { name: 'refund' } },
      ),
      { description: 'Each refund attempt; `id` is the idempotency key sent to the provider.' },
    ),
  },
  { xml: { name: 'payment' } },
)
export type PaymentView = Static<typeof PaymentView>

export const WebhookAck = Type.Object({ received: Type.Boolean() }, { xml: { name: 'webhook' } })
