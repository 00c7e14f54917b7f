import { type Static, Type } from 'typebox'
import { Currency, Email, Id, Line, Money, Text, Timestamp } from '../../platform/http/schemas.ts'
import { AddressBody, AddressView } from '../addresses/schemas.ts'
import { ORDER_STATES } from '../checkout/order-state.ts'
import { Country, Region } from '../checkout/schemas.ts'

export const OrderStatus = Type.Enum(ORDER_STATES, { type: 'string' })

export const CheckoutBody = Type.Object(
  {
    cartId: Id,
    email: Email,
    /** A new address for this order, or … */
    shippingAddress: Type.Optional(AddressBody),
    /** … one from the signed-in customer's address book. */
    addressId: Type.Optional(Id),
    shippingMethodId: Id,
    discountCode: Type.Optional(Line({ minLength: 1, maxLength: 64 })),
    anonymousId: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9_-]{8,64}$',
        description: 'The analytics id the client sends with its events, so the order joins its funnel',
      }),
    ),
    payment: Type.Object(
      {
        token: Type.Optional(Line({ minLength: 1, maxLength: 200, description: 'A card token (test provider)' })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)
export type CheckoutBody = Static<typeof CheckoutBody>

/** An address as the address book shows it, without its id (an order keeps its own copy). */
export const OrderAddressView = Type.Omit(AddressView, ['id'])
export type OrderAddressView = Static<typeof OrderAddressView>

export const OrderLineView = Type.Object(
  {
    variantId: Id,
    sku: Type.String(),
    title: Type.String(),
    unitPrice: Money,
    quantity: Type.Integer(),
    discount: Money,
    tax: Money,
    total: Money,
  },
  { xml: { name: 'line' } },
)

export const OrderView = Type.Object(
  {
    id: Id,
    status: OrderStatus,
    email: Type.String(),
    customerId: Type.Union([Type.String(), Type.Null()]),
    currency: Currency,
    lines: Type.Array(OrderLineView),
    subtotal: Money,
    discount: Money,
    discountCode: Type.Union([Type.String(), Type.Null()]),
    shipping: Money,
    shippingMethod: Type.Object({ id: Type.String(), name: Type.String() }),
    tax: Money,
    taxIncluded: Type.Boolean(),
    total: Money,
    amountRefunded: Money,
    shippingAddress: OrderAddressView,
    paymentId: Type.Union([Type.String(), Type.Null()]),
    paymentStatus: Type.String({
      description:
        'Where the money is, from the payment: none (nothing to pay), requires_action, authorized (held, not ' +
        'yet taken), capturing, captured, partially_refunded, refunded, voiding, voided, failed or canceled. ' +
        '`status` is where the order is (paid means payment secured, authorized or captured).',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    history: Type.Array(
      Type.Object(
        {
          from: Type.Union([OrderStatus, Type.Null()]),
          to: OrderStatus,
          event: Type.String({
            description:
              'A state move (pay, fulfil, deliver, cancel, refund, partial-refund) or a money movement that ' +
              'leaves the state as it is (capture, refund, void; then from = to). `amount` is the money moved.',
          }),
          amount: Type.Union([Money, Type.Null()]),
          at: Timestamp,
        },
        { xml: { name: 'change' } },
      ),
    ),
  },
  { xml: { name: 'order' } },
)
export type OrderView = Static<typeof OrderView>

export const CheckoutResultView = Type.Object(
  {
    order: OrderView,
    payment: Type.Object({
      id: Type.Union([Type.String(), Type.Null()]),
      status: Type.String(),
      /** Stripe: confirm the PaymentIntent on the client with this; null otherwise. */
      clientSecret: Type.Union([Type.String(), Type.Null()]),
    }),
  },
  { xml: { name: 'checkout' } },
)
export type CheckoutResultView = Static<typeof CheckoutResultView>

export const OrderSummaryView = Type.Object(
  {
    id: Id,
    status: OrderStatus,
    email: Type.String(),
    currency: Currency,
    total: Money,
    amountRefunded: Money,
    itemCount: Type.Integer(),
    createdAt: Timestamp,
  },
  { xml: { name: 'order' } },
)
export type OrderSummaryView = Static<typeof OrderSummaryView>

export const OrderList = Type.Object(
  { items: Type.Array(OrderSummaryView), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { xml: { name: 'orders' } },
)
export type OrderList = Static<typeof OrderList>

export const OrderParams = Type.Object({ orderId: Id })

export const MyOrdersQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Id),
  },
  { additionalProperties: false },
)
export type MyOrdersQuery = Static<typeof MyOrdersQuery>

export const OrderSearchQuery = Type.Object(
  {
    status: Type.Optional(OrderStatus),
    q: Type.Optional(Line({ minLength: 1, maxLength: 254, description: 'An email, or an order id' })),
    customerId: Type.Optional(Id),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Id),
  },
  { additionalProperties: false },
)
export type OrderSearchQuery = Static<typeof OrderSearchQuery>

export const OrderRefundBody = Type.Object(
  {
    amount: Type.Integer({
      minimum: 1,
      maximum: 1e15,
      description: 'Minor units; at most what was captured and not yet refunded',
    }),
    reason: Type.Optional(Text({ maxLength: 500 })),
  },
  { additionalProperties: false },
)
export type OrderRefundBody = Static<typeof OrderRefundBody>

export const QuoteBody = Type.Object(
  {
    cartId: Id,
    country: Country,
    region: Type.Optional(Type.Union([Region, Type.Null()])),
    discountCode: Type.Optional(Line({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
)
export type QuoteBody = Static<typeof QuoteBody>

export const QuoteView = Type.Object(
  {
    cartId: Id,
    currency: Currency,
    subtotal: Money,
    discount: Money,
    discountCode: Type.Union([Type.String(), Type.Null()]),
    options: Type.Array(
      Type.Object(
        {
          shippingMethodId: Id,
          name: Type.String(),
          shipping: Money,
          tax: Money,
          taxIncluded: Type.Boolean(),
          total: Money,
        },
        { xml: { name: 'option' } },
      ),
    ),
  },
  { xml: { name: 'quote' } },
)
export type QuoteView = Static<typeof QuoteView>
