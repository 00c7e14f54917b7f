import { type Static, Type } from 'typebox'
import { Currency, Id, Line, Money, Timestamp } from '../../platform/http/schemas.ts'

export const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code' })
export const Region = Type.String({
  pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$',
  description: 'ISO 3166-2 subdivision code, e.g. US-CA',
})
const Amount = Type.Integer({ minimum: 0, maximum: 1e12, description: 'Integer amount in minor units' })

export const IdParams = Type.Object({ id: Id })
export type IdParams = Static<typeof IdParams>

// Shipping methods ---------------------------------------------------------------------------

const WeightTier = Type.Object(
  { maxGrams: Type.Integer({ minimum: 1, maximum: 10_000_000 }), amount: Amount },
  { additionalProperties: false, xml: { name: 'tier' } },
)

export const ShippingMethodBody = Type.Object(
  {
    name: Line({ minLength: 1, maxLength: 100 }),
    currency: Currency,
    country: Country,
    region: Type.Optional(Type.Union([Region, Type.Null()])),
    kind: Type.Union([Type.Literal('flat'), Type.Literal('weight')]),
    flatAmount: Type.Optional(Type.Union([Amount, Type.Null()])),
    weightTiers: Type.Optional(Type.Union([Type.Array(WeightTier, { minItems: 1, maxItems: 50 }), Type.Null()])),
    freeOver: Type.Optional(Type.Union([Amount, Type.Null()])),
    active: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
)
export type ShippingMethodBody = Static<typeof ShippingMethodBody>

export const ShippingMethodView = Type.Object(
  {
    id: Id,
    name: Type.String(),
    currency: Currency,
    country: Country,
    region: Type.Union([Type.String(), Type.Null()]),
    kind: Type.Union([Type.Literal('flat'), Type.Literal('weight')]),
    flatAmount: Type.Union([Money, Type.Null()]),
    weightTiers: Type.Union([Type.Array(WeightTier), Type.Null()]),
    freeOver: Type.Union([Money, Type.Null()]),
    active: Type.Boolean(),
  },
  { xml: { name: 'shippingMethod' } },
)
export type ShippingMethodView = Static<typeof ShippingMethodView>
export const ShippingMethodList = Type.Object(
  { items: Type.Array(ShippingMethodView) },
  { xml: { name: 'shippingMethods' } },
)

// Tax rates ----------------------------------------------------------------------------------

export const TaxRateBody = Type.Object(
  {
    name: Line({ minLength: 1, maxLength: 100 }),
    country: Country,
    region: Type.Optional(Type.Union([Region, Type.Null()])),
    rateBp: Type.Integer({ minimum: 0, maximum: 10_000, description: 'Basis points: 1900 is 19 %' }),
  },
  { additionalProperties: false },
)
export type TaxRateBody = Static<typeof TaxRateBody>

export const TaxRateView = Type.Object(
  {
    id: Id,
    name: Type.String(),
    country: Country,
    region: Type.Union([Type.String(), Type.Null()]),
    rateBp: Type.Integer(),
  },
  { xml: { name: 'taxRate' } },
)
export type TaxRateView = Static<typeof TaxRateView>
export const TaxRateList = Type.Object({ items: Type.Array(TaxRateView) }, { xml: { name: 'taxRates' } })

// Discount codes -----------------------------------------------------------------------------

export const DiscountCodeBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9_-]{3,64}$', description: 'Case-insensitive; stored upper-case' }),
    kind: Type.Union([Type.Literal('percentage'), Type.Literal('fixed')]),
    value: Type.Integer({ minimum: 1, maximum: 1e12, description: 'Basis points (percentage) or minor units (fixed)' }),
    currency: Type.Optional(Type.Union([Currency, Type.Null()])),
    minSubtotal: Type.Optional(Amount),
    startsAt: Type.Optional(Type.Union([Timestamp, Type.Null()])),
    expiresAt: Type.Optional(Type.Union([Timestamp, Type.Null()])),
    usageLimit: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 1e9 }), Type.Null()])),
    perCustomerLimit: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 1e9 }), Type.Null()])),
    active: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
)
export type DiscountCodeBody = Static<typeof DiscountCodeBody>

export const DiscountCodeView = Type.Object(
  {
    id: Id,
    code: Type.String(),
    kind: Type.Union([Type.Literal('percentage'), Type.Literal('fixed')]),
    value: Type.Integer(),
    currency: Type.Union([Currency, Type.Null()]),
    minSubtotal: Money,
    startsAt: Type.Union([Timestamp, Type.Null()]),
    expiresAt: Type.Union([Timestamp, Type.Null()]),
    usageLimit: Type.Union([Type.Integer(), Type.Null()]),
    perCustomerLimit: Type.Union([Type.Integer(), Type.Null()]),
    timesUsed: Type.Integer(),
    active: Type.Boolean(),
  },
  { xml: { name: 'discountCode' } },
)
export type DiscountCodeView = Static<typeof DiscountCodeView>
export const DiscountCodeList = Type.Object({ items: Type.Array(DiscountCodeView) }, { xml: { name: 'discountCodes' } })
