/**
 * Sales figures straight from the orders tables, aggregated in SQL. The reports answer from the
 * rollups (rollup-store.ts); `salesByBucket` and `topProducts` here are the direct computation the
 * rollups must equal (tests compare them).
 */
import { sql } from 'kysely'
import type { Db } from '../../platform/db/types.ts'
import { bucketDay, type Granularity } from '../../platform/reports.ts'

/** Orders that count as sales: paid, whatever happened after (cancelled and pending never paid). */
export const SOLD = ['paid', 'fulfilled', 'delivered', 'partially_refunded', 'refunded'] as const

export function salesByBucket(db: Db, startMs: number, endMs: number, granularity: Granularity) {
  const bucket = bucketDay('created_at', granularity)
  return db
    .selectFrom('shop_order')
    .select([
      bucket.as('bucket'),
      'currency',
      sql<number>`count(*)`.as('orders'),
      sql<number>`sum(total)`.as('revenue'),
      sql<number>`sum(amount_refunded)`.as('refunded'),
    ])
    .where('status', 'in', SOLD)
    .where('created_at', '>=', startMs)
    .where('created_at', '<', endMs)
    .groupBy([bucket, 'currency'])
    .execute()
}

export function topProducts(db: Db, startMs: number, endMs: number, by: 'revenue' | 'units', limit: number) {
  const units = sql<number>`sum(order_line.quantity)`
  const revenue = sql<number>`sum(order_line.total)`
  return db
    .selectFrom('order_line')
    .innerJoin('shop_order', 'shop_order.id', 'order_line.order_id')
    .select([
      'order_line.sku as sku',
      sql<string>`max(order_line.title)`.as('title'),
      'shop_order.currency as currency',
      units.as('units'),
      revenue.as('revenue'),
    ])
    .where('shop_order.status', 'in', SOLD)
    .where('shop_order.created_at', '>=', startMs)
    .where('shop_order.created_at', '<', endMs)
    .groupBy(['order_line.sku', 'shop_order.currency'])
    .orderBy(by === 'units' ? units : revenue, 'desc')
    .orderBy('order_line.sku')
    .limit(limit)
    .execute()
}

export type OrderExportRow = Awaited<ReturnType<ReturnType<typeof orderExportQuery>['execute']>>[number]

/** The orders of a range by id (ids sort by creation time): a query to stream (platform/db/read-worker.ts). */
export function orderExportQuery(db: Db, startMs: number, endMs: number) {
  return db
    .selectFrom('shop_order')
    .select([
      'id',
      'created_at',
      'status',
      'email',
      'customer_id',
      'currency',
      'subtotal',
      'discount',
      'discount_code',
      'shipping',
      'tax',
      'total',
      'amount_refunded',
      'item_count',
      'ship_country',
    ])
    .where('created_at', '>=', startMs)
    .where('created_at', '<', endMs)
    .orderBy('id')
}

export type CustomerExportRow = Awaited<ReturnType<ReturnType<typeof customerExportQuery>['execute']>>[number]

/** Customer accounts with their order counts, by id (erased accounts are left out): a query to stream. */
export function customerExportQuery(db: Db) {
  return db
    .selectFrom('app_user')
    .select([
      'app_user.id as id',
      'app_user.email as email',
      'app_user.created_at as created_at',
      'app_user.email_verified_at as email_verified_at',
      (eb) =>
        eb
          .selectFrom('shop_order')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('shop_order.customer_id', '=', 'app_user.id')
          .as('orders'),
    ])
    .where('app_user.role', '=', 'customer')
    .where('app_user.email', 'not like', '%@erased.invalid')
    .orderBy('app_user.id')
}
