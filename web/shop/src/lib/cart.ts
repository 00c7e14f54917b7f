/**
 * The cart. A guest cart comes with a token (POST /carts answers it once); the shop keeps the cart's
 * id and token in localStorage and sends the token as `X-Cart-Token`. A signed-in customer's cart needs
 * no token (the session cookie owns it). At sign-in the guest cart is merged into the customer's
 * (`guestCart` in the sign-in body), and the shop then remembers the customer's cart id instead.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, ProblemError, type Schemas, unwrap } from '../../../shared/api.ts'
import { track } from './analytics.ts'
import { SHOP_CURRENCY } from './config.ts'

export type Cart = Schemas['CartView']
export interface StoredCart {
  id: string
  /** The guest cart's token; null for a signed-in customer's cart. */
  token: string | null
}

const KEY = 'backroom.cart'

export function storedCart(): StoredCart | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as StoredCart | null
    return value && typeof value.id === 'string' ? value : null
  } catch {
    return null
  }
}

export function rememberCart(cart: StoredCart | null): void {
  if (cart) localStorage.setItem(KEY, JSON.stringify(cart))
  else localStorage.removeItem(KEY)
}

/** The headers that open the stored cart (the guest token, if any). */
export function cartHeaders(stored: StoredCart): { 'x-cart-token'?: string } {
  return stored.token ? { 'x-cart-token': stored.token } : {}
}

export const cartKey = ['cart'] as const

export const cartQuery = queryOptions({
  queryKey: cartKey,
  queryFn: async ({ signal }): Promise<Cart | null> => {
    const stored = storedCart()
    if (!stored) return null
    try {
      const cart = await unwrap(
        api.GET('/carts/{cartId}', {
          params: { path: { cartId: stored.id }, header: cartHeaders(stored) },
          signal,
        }),
      )
      if (cart.status === 'open') return cart
    } catch (error) {
      if (!(error instanceof ProblemError && error.status === 404)) throw error
    }
    rememberCart(null) // converted into an order, merged, or gone: the next add starts a new cart
    return null
  },
})

export function useCart() {
  return useQuery(cartQuery)
}

/** The stored cart, or a new one (a guest's with its token; a customer's own open cart). */
async function ensureCart(): Promise<StoredCart> {
  const stored = storedCart()
  if (stored) return stored
  const created = await unwrap(api.POST('/carts', { body: { currency: SHOP_CURRENCY } }))
  const fresh = { id: created.cart.id, token: created.token }
  rememberCart(fresh)
  return fresh
}

export function useAddToCart() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (input: { productId: string; variantId: string; quantity: number }) => {
      const add = async (stored: StoredCart) =>
        unwrap(
          api.POST('/carts/{cartId}/items', {
            params: { path: { cartId: stored.id }, header: cartHeaders(stored) },
            body: { variantId: input.variantId, quantity: input.quantity },
          }),
        )
      let cart: Cart
      try {
        cart = await add(await ensureCart())
      } catch (error) {
        // The remembered cart was checked out or merged meanwhile: start a new one, once.
        const stale = error instanceof ProblemError && (error.code === 'cart-not-found' || error.code === 'cart-closed')
        if (!stale) throw error
        rememberCart(null)
        cart = await add(await ensureCart())
      }
      track({ type: 'add_to_cart', properties: input })
      return cart
    },
    onSuccess: (cart) => queryClient.setQueryData(cartKey, cart),
  })
}

export function useSetQuantity() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ variantId, quantity }: { variantId: string; quantity: number }) => {
      const stored = storedCart()
      if (!stored) throw new Error('There is no cart')
      const params = { path: { cartId: stored.id, variantId }, header: cartHeaders(stored) }
      return quantity === 0
        ? unwrap(api.DELETE('/carts/{cartId}/items/{variantId}', { params }))
        : unwrap(api.PUT('/carts/{cartId}/items/{variantId}', { params, body: { quantity } }))
    },
    onSuccess: (cart) => queryClient.setQueryData(cartKey, cart),
  })
}
