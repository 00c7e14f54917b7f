import { type Static, Type } from 'typebox'
import { Id, Line, Page, PageQuery, Timestamp } from '../../platform/http/schemas.ts'

/**
 * Every event a webhook can subscribe to. Modules enqueue them with `enqueue(trx, type, data)` in the
 * transaction that makes them true; the `data` shape is the module's view of the resource.
 */
export const WEBHOOK_EVENTS = {
  'order.paid': 'An order was paid in full (data: the order).',
  'order.refunded': 'An order was refunded, in part or in full (data: the order and the refund).',
  'order.fulfilled': 'An order was shipped or handed over (data: the order).',
  'product.updated': 'A product or one of its variants changed (data: the product).',
  'customer.created': 'A customer account was created (data: the customer, without secrets).',
} as const
export type WebhookEventType = keyof typeof WEBHOOK_EVENTS
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[]

export const WebhookEventTypeSchema = Type.Union([
  Type.Literal('order.paid'),
  Type.Literal('order.refunded'),
  Type.Literal('order.fulfilled'),
  Type.Literal('product.updated'),
  Type.Literal('customer.created'),
])

const Url = Line({ minLength: 8, maxLength: 2048, description: 'http(s) URL that receives POSTs' })
const Events = Type.Array(WebhookEventTypeSchema, { minItems: 1, maxItems: 20, uniqueItems: true })
const Description = Line({ maxLength: 200 })

export const EndpointParams = Type.Object({ endpointId: Id })
export const EndpointBody = Type.Object(
  {
    url: Url,
    events: Events,
    enabled: Type.Optional(Type.Boolean({ default: true })),
    description: Type.Optional(Description),
  },
  { additionalProperties: false },
)
export type EndpointBody = Static<typeof EndpointBody>

export const EndpointPatch = Type.Object(
  {
    url: Type.Optional(Url),
    events: Type.Optional(Events),
    enabled: Type.Optional(Type.Boolean({ description: 'Enabling again resets the failure count' })),
    description: Type.Optional(Type.Union([Description, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type EndpointPatch = Static<typeof EndpointPatch>

const endpointFields = {
  id: Id,
  url: Type.String(),
  events: Type.Array(WebhookEventTypeSchema),
  enabled: Type.Boolean(),
  description: Type.Union([Type.String(), Type.Null()]),
  consecutiveFailures: Type.Integer(),
  /** When the current run of failures began (no success since); null after a success. */
  failingSince: Type.Union([Timestamp, Type.Null()]),
  disabledReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
}
export const EndpointView = Type.Object(endpointFields, { xml: { name: 'webhookEndpoint' } })
export type EndpointView = Static<typeof EndpointView>

/** The endpoint with its signing secret: answered on creation and on rotation only. */
export const EndpointWithSecretView = Type.Object(
  { ...endpointFields, secret: Type.String({ description: 'Signing secret (whsec_…); store it now' }) },
  { xml: { name: 'webhookEndpoint' } },
)
export type EndpointWithSecretView = Static<typeof EndpointWithSecretView>

export const EndpointList = Type.Object({ items: Type.Array(EndpointView) }, { xml: { name: 'webhookEndpoints' } })

export const DeliveryStatus = Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')])
export type DeliveryStatus = Static<typeof DeliveryStatus>

export const DeliveryView = Type.Object(
  {
    id: Id,
    endpointId: Id,
    eventId: Id,
    eventType: WebhookEventTypeSchema,
    status: DeliveryStatus,
    attempts: Type.Integer(),
    nextAttemptAt: Type.Union([Timestamp, Type.Null()]),
    lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
    lastError: Type.Union([Type.String(), Type.Null()]),
    createdAt: Timestamp,
    completedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { xml: { name: 'delivery' } },
)
export type DeliveryView = Static<typeof DeliveryView>
export const DeliveryPage = Page(DeliveryView, 'deliveries')

export const AttemptView = Type.Object(
  {
    id: Id,
    deliveryId: Id,
    attempt: Type.Integer({ description: '1 for the first try' }),
    startedAt: Timestamp,
    durationMs: Type.Integer(),
    statusCode: Type.Union([Type.Integer(), Type.Null()]),
    error: Type.Union([Type.String(), Type.Null()]),
    ok: Type.Boolean(),
  },
  { xml: { name: 'attempt' } },
)
export type AttemptView = Static<typeof AttemptView>
export const AttemptPage = Page(AttemptView, 'attempts')

export const AttemptQuery = Type.Object(
  { ...PageQuery.properties, deliveryId: Type.Optional(Id) },
  { additionalProperties: false },
)
export type AttemptQuery = Static<typeof AttemptQuery>
export { PageQuery }

export const EventTypeList = Type.Object(
  { items: Type.Array(Type.Object({ type: WebhookEventTypeSchema, description: Type.String() })) },
  { xml: { name: 'webhookEventTypes' } },
)
