import { type Static, type TSchema, Type } from 'typebox'
import { Currency, Id, Line, Money, Timestamp } from '../../platform/http/schemas.ts'
import { Granularity, RangeQuery } from '../../platform/reports.ts'

/** Every event type, in funnel order where it has one. */
export const EVENT_TYPES = [
  'page_view',
  'product_view',
  'search',
  'add_to_cart',
  'checkout_started',
  'order_placed',
] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** The funnel's steps, in order. */
export const FUNNEL_STEPS = ['product_view', 'add_to_cart', 'checkout_started', 'order_placed'] as const

const AnonymousId = Type.String({
  pattern: '^[A-Za-z0-9_-]{8,64}$',
  description: 'A random id the client keeps per browser or device (no personal data)',
})
const Text = (maxLength: number) => Line({ minLength: 1, maxLength })

function event<T extends EventType, P extends TSchema>(type: T, properties: P) {
  return Type.Object(
    {
      type: Type.Literal(type),
      anonymousId: AnonymousId,
      occurredAt: { ...Timestamp, description: 'When it happened on the client (epoch ms)' } as typeof Timestamp,
      properties,
    },
    { additionalProperties: false },
  )
}
const props = <P extends Record<string, TSchema>>(p: P) => Type.Object(p, { additionalProperties: false })

export const PageViewEvent = event(
  'page_view',
  props({ path: Text(2048), referrer: Type.Optional(Text(2048)), title: Type.Optional(Text(300)) }),
)
export const ProductViewEvent = event('product_view', props({ productId: Id, variantId: Type.Optional(Id) }))
export const SearchEvent = event(
  'search',
  props({ query: Text(200), resultCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })) }),
)
export const AddToCartEvent = event(
  'add_to_cart',
  props({ productId: Id, variantId: Type.Optional(Id), quantity: Type.Integer({ minimum: 1, maximum: 999 }) }),
)
export const CheckoutStartedEvent = event(
  'checkout_started',
  props({
    cartId: Type.Optional(Id),
    itemCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    currency: Type.Optional(Currency),
    value: Type.Optional(Money),
  }),
)
export const OrderPlacedEvent = event('order_placed', props({ orderId: Id, currency: Currency, total: Money }))

const EventUnion = Type.Union([
  PageViewEvent,
  ProductViewEvent,
  SearchEvent,
  AddToCartEvent,
  CheckoutStartedEvent,
  OrderPlacedEvent,
])
export type EventInput = Static<typeof EventUnion>

/**
 * One event: `oneOf` discriminated by `type` (OpenAPI's `discriminator`, which the body validator
 * honours), each with its own `properties`. The validator picks the branch by `type` first, so an
 * unknown type is one error that names the allowed types, and a known one reports only its own
 * shape's errors (a plain union reported every branch's: 19 errors, issue 12).
 */
export const EventInput = Type.Unsafe<EventInput>({
  type: 'object',
  // No top-level `required`: a missing type is the discriminator's one error too (each branch requires it).
  discriminator: { propertyName: 'type' },
  oneOf: EventUnion.anyOf,
})

/** The batch's upper bound is EVENTS_MAX_BATCH, checked by the service (the schema's is a hard ceiling). */
export const EventBatchBody = Type.Object(
  { events: Type.Array(EventInput, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
)
export type EventBatchBody = Static<typeof EventBatchBody>

export const EventBatchView = Type.Object(
  { accepted: Type.Integer({ description: 'How many events were stored' }), receivedAt: Timestamp },
  { xml: { name: 'eventBatch' } },
)
export type EventBatchView = Static<typeof EventBatchView>

// ---------------------------------------------------------------------------------------------
// Reports

export const FunnelView = Type.Object(
  {
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    steps: Type.Array(
      Type.Object({
        step: Type.Union([
          Type.Literal('product_view'),
          Type.Literal('add_to_cart'),
          Type.Literal('checkout_started'),
          Type.Literal('order_placed'),
        ]),
        visitors: Type.Integer({ description: 'Distinct anonymous ids with this event in the range' }),
        reached: Type.Integer({ description: 'Distinct anonymous ids with this event and every earlier step' }),
        conversion: Type.Union([Type.Number(), Type.Null()], {
          description: "`reached` over the previous step's `reached` (null for the first step or after 0)",
        }),
      }),
    ),
  },
  { xml: { name: 'funnel' } },
)
export type FunnelView = Static<typeof FunnelView>

export const ZeroResultQuery = Type.Object(
  { ...RangeQuery.properties, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) },
  { additionalProperties: false },
)
export type ZeroResultQuery = Static<typeof ZeroResultQuery>

export const ZeroResultView = Type.Object(
  {
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    items: Type.Array(
      Type.Object({
        query: Type.String({ description: 'Normalised: trimmed, spaces collapsed, lower case' }),
        count: Type.Integer(),
        lastSeenAt: Timestamp,
      }),
    ),
  },
  { xml: { name: 'zeroResultSearches' } },
)
export type ZeroResultView = Static<typeof ZeroResultView>

export const VolumeQuery = Type.Object(
  { ...RangeQuery.properties, granularity: Type.Optional(Granularity) },
  { additionalProperties: false },
)
export type VolumeQuery = Static<typeof VolumeQuery>

const counts = Object.fromEntries(EVENT_TYPES.map((t) => [t, Type.Integer()])) as Record<
  EventType,
  ReturnType<typeof Type.Integer>
>
export const VolumePoint = Type.Object({
  date: Type.String({ format: 'date', description: "First day of the bucket (a week's Monday)" }),
  total: Type.Integer(),
  ...counts,
})
export type VolumePoint = Static<typeof VolumePoint>

export const VolumeView = Type.Object(
  {
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    granularity: Granularity,
    points: Type.Array(VolumePoint, { description: 'One point per day or week of the range, zeros included' }),
  },
  { xml: { name: 'eventVolume' } },
)
export type VolumeView = Static<typeof VolumeView>

export const EventExportQuery = RangeQuery
