/**
 * What bench/checkout.ts and bench/checkout-cpu.ts share: their arguments (node:util parseArgs), each
 * adding its own string options with their defaults: which databases (`--dialects sqlite,postgres`;
 * PostgreSQL only with `--pg postgres://…` or DATABASE_URL=postgres://…), how many orders and products;
 * and the shop they seed (seedCheckoutShop).
 */
import { parseArgs } from 'node:util'
import type { App } from '../src/platform/http/types.ts'

export function checkoutBenchArgs<K extends string>(
  defaults: { orders: number; products: number },
  own: Record<K, string>,
) {
  const options: Record<string, { type: 'string'; default: string }> = {
    dialects: { type: 'string', default: 'sqlite,postgres' },
    pg: { type: 'string', default: process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : '' },
    orders: { type: 'string', default: String(defaults.orders) },
    products: { type: 'string', default: String(defaults.products) },
  }
  for (const [name, value] of Object.entries<string>(own)) options[name] = { type: 'string', default: value }
  const values = parseArgs({ options }).values as Record<K | 'dialects' | 'pg' | 'orders' | 'products', string>
  const dialects = values.dialects.split(',').filter((d) => d === 'sqlite' || (d === 'postgres' && values.pg)) as (
    | 'sqlite'
    | 'postgres'
  )[]
  return {
    values,
    pgUrl: values.pg,
    dialects,
    orders: Number(values.orders),
    productCount: Number(values.products),
  }
}

const ADMIN = { email: 'bench-admin@example.test', password: 'bench-Quartz-lantern-77-harbor' }

export interface CheckoutShop {
  shippingMethodId: string
  /** Variant ids: the first is the one everybody buys in bench/checkout.ts's slow case. */
  variants: string[]
}

/** Through the app's own routes: an admin, `productCount` products with plenty of stock, shipping and tax. */
export async function seedCheckoutShop(app: App, productCount: number): Promise<CheckoutShop> {
  await app.backroom.users.createUser({ ...ADMIN, role: 'admin' })
  const signIn = await app.inject({ method: 'POST', url: '/auth/sign-in', payload: ADMIN })
  const headers = { authorization: `Bearer ${signIn.json().token}` }
  const post = async (url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers, payload })
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
    return res.json()
  }
  const variants: string[] = []
  for (let i = 0; i < productCount; i++) {
    const product = await post('/admin/products', {
      handle: `bench-mug-${i}`,
      title: `Bench mug ${i}`,
      description: 'A stoneware mug for benchmarks',
      status: 'published',
      tags: [],
      categoryIds: [],
      variants: [{ sku: `BENCH-${i}`, options: {}, prices: [{ currency: 'EUR', amount: 1250 + i }], stock: 1_000_000 }],
    })
    variants.push(product.variants[0].id)
  }
  const shipping = await post('/checkout/shipping-methods', {
    name: 'Standard',
    currency: 'EUR',
    country: 'IE',
    kind: 'flat',
    flatAmount: 500,
  })
  await post('/checkout/tax-rates', { name: 'IE VAT', country: 'IE', rateBp: 2300 })
  return { shippingMethodId: shipping.id as string, variants }
}
