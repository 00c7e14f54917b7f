import { type Static, Type } from 'typebox'
import { Currency, Id, Money } from '../../platform/http/schemas.ts'

export const MAX_PER_LINE = 99

export const CartParams = Type.Object({ cartId: Id })
export type CartParams = Static<typeof CartParams>
export const CartLineParams = Type.Object({ cartId: Id, variantId: Id })
export type CartLineParams = Static<typeof CartLineParams>

export const CreateCartBody = Type.Object({ currency: Currency }, { additionalProperties: false })
export type CreateCartBody = Static<typeof CreateCartBody>

export const AddItemBody = Type.Object(
  { variantId: Id, quantity: Type.Integer({ minimum: 1, maximum: MAX_PER_LINE }) },
  { additionalProperties: false },
)
export type AddItemBody = Static<typeof AddItemBody>

export const SetQuantityBody = Type.Object(
  { quantity: Type.Integer({ minimum: 1, maximum: MAX_PER_LINE }) },
  { additionalProperties: false },
)
export type SetQuantityBody = Static<typeof SetQuantityBody>

export const CartLineView = Type.Object({
  variantId: Id,
  sku: Type.Union([Type.String(), Type.Null()]),
  title: Type.Union([Type.String(), Type.Null()]),
  quantity: Type.Integer(),
  /** Current catalog price; null when the variant can no longer be bought. */
  unitPrice: Type.Union([Money, Type.Null()]),
  lineTotal: Money,
  weightGrams: Type.Integer(),
  available: Type.Boolean({ description: 'False when the variant is gone, unpublished or short of stock' }),
  inStock: Type.Integer({ description: 'Units in stock now (0 when unavailable)' }),
})
export type CartLineView = Static<typeof CartLineView>

export const CartView = Type.Object(
  {
    id: Id,
    currency: Currency,
    status: Type.Union([Type.Literal('open'), Type.Literal('merged'), Type.Literal('converted')]),
    lines: Type.Array(CartLineView),
    itemCount: Type.Integer(),
    /** Sum of the available lines, computed on the server from current prices. */
    subtotal: Money,
    weightGrams: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { xml: { name: 'cart' } },
)
export type CartView = Static<typeof CartView>

/** A new guest cart comes with its token, shown once: send it back as `X-Cart-Token`. */
export const NewCartView = Type.Object(
  { cart: CartView, token: Type.Union([Type.String(), Type.Null()]) },
  { xml: { name: 'newCart' } },
)
export type NewCartView = Static<typeof NewCartView>
