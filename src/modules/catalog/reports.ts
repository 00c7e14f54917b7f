/** Catalog figures for staff reports (SQL only): variants running low on stock. */
import type { Db } from '../../platform/db/types.ts'

/** Variants of live products (draft or published) with at most `threshold` in stock, lowest first. */
export function lowStock(db: Db, threshold: number, limit: number) {
  return db
    .selectFrom('variant')
    .innerJoin('product', 'product.id', 'variant.product_id')
    .select([
      'variant.id as variantId',
      'variant.sku as sku',
      'product.id as productId',
      'product.title as title',
      'product.status as status',
      'variant.stock as stock',
    ])
    .where('variant.stock', '<=', threshold)
    .where('product.status', '!=', 'archived')
    .orderBy('variant.stock')
    .orderBy('variant.sku')
    .limit(limit)
    .execute()
}
