import { type Static, Type } from 'typebox'
import { Currency, Id, Money } from '../../platform/http/schemas.ts'
import { Granularity, RangeQuery } from '../../platform/reports.ts'

export const SalesQuery = Type.Object(
  { ...RangeQuery.properties, granularity: Type.Optional(Granularity) },
  { additionalProperties: false },
)
export type SalesQuery = Static<typeof SalesQuery>

const SalesFigures = {
  orders: Type.Integer(),
  revenue: Money,
  refunded: Money,
  net: Money,
  /** revenue ÷ orders, rounded half up to a whole minor unit (0 without orders). */
  averageOrderValue: Money,
}

export const SalesView = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    granularity: Granularity,
    currencies: Type.Array(
      Type.Object(
        {
          currency: Currency,
          totals: Type.Object(SalesFigures),
          points: Type.Array(Type.Object({ date: Type.String(), ...SalesFigures }, { xml: { name: 'point' } })),
        },
        { xml: { name: 'currency' } },
      ),
    ),
  },
  { xml: { name: 'sales' } },
)
export type SalesView = Static<typeof SalesView>

export const TopProductsQuery = Type.Object(
  {
    ...RangeQuery.properties,
    by: Type.Optional(Type.Union([Type.Literal('revenue'), Type.Literal('units')], { default: 'revenue' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  },
  { additionalProperties: false },
)
export type TopProductsQuery = Static<typeof TopProductsQuery>

export const TopProductsView = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    by: Type.String(),
    items: Type.Array(
      Type.Object(
        { sku: Type.String(), title: Type.String(), currency: Currency, units: Type.Integer(), revenue: Money },
        { xml: { name: 'product' } },
      ),
    ),
  },
  { xml: { name: 'topProducts' } },
)
export type TopProductsView = Static<typeof TopProductsView>

export const LowStockQuery = Type.Object(
  {
    threshold: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 5 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
)
export type LowStockQuery = Static<typeof LowStockQuery>

export const LowStockView = Type.Object(
  {
    threshold: Type.Integer(),
    items: Type.Array(
      Type.Object(
        {
          variantId: Id,
          sku: Type.String(),
          productId: Id,
          title: Type.String(),
          status: Type.String(),
          stock: Type.Integer(),
        },
        { xml: { name: 'variant' } },
      ),
    ),
  },
  { xml: { name: 'lowStock' } },
)
export type LowStockView = Static<typeof LowStockView>

export const OrderExportQuery = RangeQuery
