/**
 * The arguments bench/checkout.ts and bench/checkout-cpu.ts share (node:util parseArgs), each adding
 * its own string options with their defaults: which databases (`--dialects sqlite,postgres`;
 * PostgreSQL only with `--pg postgres://…` or DATABASE_URL=postgres://…), how many orders and products.
 */
import { parseArgs } from 'node:util'

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
