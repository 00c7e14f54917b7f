/** SQL for checkout configuration: shipping methods, tax rates, discount codes and their usage. */
import { sql } from 'kysely'
import { fixedQuery } from '../../platform/db/fixed-query.ts'
import type { Db } from '../../platform/db/types.ts'
import type { DiscountCode, ShippingMethod, TaxRate } from './pricing.ts'

export interface ShippingMethodTable {
  id: string
  name: string
  currency: string
  country: string
  region: string | null
  kind: string
  flat_amount: number | null
  /** JSON: [{ maxGrams, amount }] by ascending maxGrams. */
  weight_tiers: string | null
  free_over: number | null
  active: number
  created_at: number
  updated_at: number
}

export interface TaxRateTable {
  id: string
  name: string
  country: string
  region: string | null
  rate_bp: number
  created_at: number
  updated_at: number
}

export interface DiscountCodeTable {
  id: string
  code: string
  kind: string
  value: number
  currency: string | null
  min_subtotal: number
  starts_at: number | null
  expires_at: number | null
  usage_limit: number | null
  per_customer_limit: number | null
  times_used: number
  active: number
  created_at: number
  updated_at: number
}

export interface DiscountUsageTable {
  code_id: string
  customer_id: string
  uses: number
}

export interface DiscountRedemptionTable {
  id: string
  code_id: string
  customer_id: string
  order_id: string | null
  created_at: number
}

// Shipping methods ---------------------------------------------------------------------------

type ShippingRow = Omit<ShippingMethodTable, 'created_at' | 'updated_at'>

export function toShippingMethod(row: ShippingRow): ShippingMethod {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    country: row.country,
    region: row.region,
    kind: row.kind as ShippingMethod['kind'],
    flatAmount: row.flat_amount,
    weightTiers: row.weight_tiers === null ? null : JSON.parse(row.weight_tiers),
    freeOver: row.free_over,
    active: row.active === 1,
  }
}

export function fromShippingMethod(m: ShippingMethod): ShippingRow {
  return {
    id: m.id,
    name: m.name,
    currency: m.currency,
    country: m.country,
    region: m.region,
    kind: m.kind,
    flat_amount: m.flatAmount,
    weight_tiers: m.weightTiers === null ? null : JSON.stringify(m.weightTiers),
    free_over: m.freeOver,
    active: m.active ? 1 : 0,
  }
}

const SHIPPING_COLUMNS = [
  'id',
  'name',
  'currency',
  'country',
  'region',
  'kind',
  'flat_amount',
  'weight_tiers',
  'free_over',
  'active',
] as const

// What every checkout reads, compiled once (platform/db/fixed-query.ts).
const shippingTo = fixedQuery((db, v: { country: string }) =>
  db
    .selectFrom('shipping_method')
    .select(SHIPPING_COLUMNS)
    .where('country', '=', v.country)
    .orderBy('country')
    .orderBy('region')
    .orderBy('name')
    .orderBy('id'),
)
const taxRatesIn = fixedQuery((db, v: { country: string }) =>
  db.selectFrom('tax_rate').select(TAX_COLUMNS).where('country', '=', v.country).orderBy('region').orderBy('id'),
)

/**
 * What a checkout to `country` prices with, in one statement (issue 11: one round trip per concern):
 * the shipping methods (by region, name and id, as `listShippingMethods`) and the tax rates (by region,
 * as `listTaxRates`; one per region, so the name between changes nothing), as one `union all` whose
 * rows say which table they come from.
 */
export async function ratesTo(db: Db, country: string): Promise<{ methods: ShippingMethod[]; taxRates: TaxRate[] }> {
  const methods: ShippingMethod[] = []
  const taxRates: TaxRate[] = []
  for (const row of await shippingAndTaxTo(db, { country })) {
    if (row.of === 'shipping') methods.push(toShippingMethod(row as ShippingRow))
    else
      taxRates.push({
        id: row.id,
        name: row.name,
        country: row.country,
        region: row.region,
        rateBp: Number(row.rate_bp),
      })
  }
  return { methods, taxRates }
}

const shippingAndTaxTo = fixedQuery((db, v: { country: string }) =>
  db
    .selectFrom('shipping_method')
    .select([sql.lit('shipping').as('of'), ...SHIPPING_COLUMNS, sql<number | null>`null`.as('rate_bp')])
    .where('country', '=', v.country)
    .unionAll(
      db
        .selectFrom('tax_rate')
        .select([
          sql.lit('tax').as('of'),
          'id',
          'name',
          sql<string>`null`.as('currency'),
          'country',
          'region',
          sql<string>`null`.as('kind'),
          sql<number | null>`null`.as('flat_amount'),
          sql<string | null>`null`.as('weight_tiers'),
          sql<number | null>`null`.as('free_over'),
          sql<number>`null`.as('active'),
          'rate_bp',
        ])
        .where('country', '=', v.country),
    )
    .orderBy('of')
    .orderBy('region')
    .orderBy('name')
    .orderBy('id'),
)

/** All methods (or those shipping to `country`), by country, region and name. */
export async function listShippingMethods(db: Db, country?: string): Promise<ShippingMethod[]> {
  if (country) return (await shippingTo(db, { country })).map(toShippingMethod)
  let query = db.selectFrom('shipping_method').select(SHIPPING_COLUMNS)
  if (country) query = query.where('country', '=', country)
  const rows = await query.orderBy('country').orderBy('region').orderBy('name').orderBy('id').execute()
  return rows.map(toShippingMethod)
}

export async function findShippingMethod(db: Db, id: string): Promise<ShippingMethod | undefined> {
  const row = await db.selectFrom('shipping_method').select(SHIPPING_COLUMNS).where('id', '=', id).executeTakeFirst()
  return row && toShippingMethod(row)
}

export async function insertShippingMethod(db: Db, m: ShippingMethod, now: number): Promise<void> {
  await db
    .insertInto('shipping_method')
    .values({ ...fromShippingMethod(m), created_at: now, updated_at: now })
    .execute()
}

export async function updateShippingMethod(db: Db, m: ShippingMethod, now: number): Promise<boolean> {
  const { id, ...values } = fromShippingMethod(m)
  const result = await db
    .updateTable('shipping_method')
    .set({ ...values, updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function deleteShippingMethod(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('shipping_method').where('id', '=', id).executeTakeFirst()
  return result.numDeletedRows === 1n
}

// Tax rates ----------------------------------------------------------------------------------

const TAX_COLUMNS = ['id', 'name', 'country', 'region', 'rate_bp as rateBp'] as const

export function listTaxRates(db: Db, country?: string): Promise<TaxRate[]> {
  if (country) return taxRatesIn(db, { country })
  let query = db.selectFrom('tax_rate').select(TAX_COLUMNS)
  if (country) query = query.where('country', '=', country)
  return query.orderBy('country').orderBy('region').orderBy('id').execute()
}

export function findTaxRate(db: Db, id: string): Promise<TaxRate | undefined> {
  return db.selectFrom('tax_rate').select(TAX_COLUMNS).where('id', '=', id).executeTakeFirst()
}

/** The rate already set for this country/region, other than `exceptId`. */
export function findTaxRateAt(db: Db, country: string, region: string | null, exceptId = '') {
  let query = db.selectFrom('tax_rate').select('id').where('country', '=', country).where('id', '!=', exceptId)
  query = region === null ? query.where('region', 'is', null) : query.where('region', '=', region)
  return query.executeTakeFirst()
}

export async function insertTaxRate(db: Db, r: TaxRate, now: number): Promise<void> {
  await db
    .insertInto('tax_rate')
    .values({
      id: r.id,
      name: r.name,
      country: r.country,
      region: r.region,
      rate_bp: r.rateBp,
      created_at: now,
      updated_at: now,
    })
    .execute()
}

export async function updateTaxRate(db: Db, r: TaxRate, now: number): Promise<boolean> {
  const result = await db
    .updateTable('tax_rate')
    .set({ name: r.name, country: r.country, region: r.region, rate_bp: r.rateBp, updated_at: now })
    .where('id', '=', r.id)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function deleteTaxRate(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('tax_rate').where('id', '=', id).executeTakeFirst()
  return result.numDeletedRows === 1n
}

// Discount codes -----------------------------------------------------------------------------

type DiscountRow = Omit<DiscountCodeTable, 'created_at' | 'updated_at'>

function toDiscountCode(row: DiscountRow): DiscountCode {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind as DiscountCode['kind'],
    value: row.value,
    currency: row.currency,
    minSubtotal: row.min_subtotal,
    startsAt: row.starts_at,
    expiresAt: row.expires_at,
    usageLimit: row.usage_limit,
    perCustomerLimit: row.per_customer_limit,
    timesUsed: row.times_used,
    active: row.active === 1,
  }
}

const DISCOUNT_COLUMNS = [
  'id',
  'code',
  'kind',
  'value',
  'currency',
  'min_subtotal',
  'starts_at',
  'expires_at',
  'usage_limit',
  'per_customer_limit',
  'times_used',
  'active',
] as const

export async function listDiscountCodes(db: Db): Promise<DiscountCode[]> {
  const rows = await db.selectFrom('discount_code').select(DISCOUNT_COLUMNS).orderBy('code').execute()
  return rows.map(toDiscountCode)
}

export async function findDiscountCode(db: Db, id: string): Promise<DiscountCode | undefined> {
  const row = await db.selectFrom('discount_code').select(DISCOUNT_COLUMNS).where('id', '=', id).executeTakeFirst()
  return row && toDiscountCode(row)
}

/** By its code, as a customer types it (codes are stored upper-case). */
export async function findDiscountByCode(db: Db, code: string): Promise<DiscountCode | undefined> {
  const row = await db
    .selectFrom('discount_code')
    .select(DISCOUNT_COLUMNS)
    .where('code', '=', code.toUpperCase())
    .executeTakeFirst()
  return row && toDiscountCode(row)
}

export function findDiscountIdByCode(db: Db, code: string, exceptId = '') {
  return db
    .selectFrom('discount_code')
    .select('id')
    .where('code', '=', code)
    .where('id', '!=', exceptId)
    .executeTakeFirst()
}

function discountValues(d: DiscountCode) {
  return {
    code: d.code,
    kind: d.kind,
    value: d.value,
    currency: d.currency,
    min_subtotal: d.minSubtotal,
    starts_at: d.startsAt,
    expires_at: d.expiresAt,
    usage_limit: d.usageLimit,
    per_customer_limit: d.perCustomerLimit,
    active: d.active ? 1 : 0,
  }
}

export async function insertDiscountCode(db: Db, d: DiscountCode, now: number): Promise<void> {
  await db
    .insertInto('discount_code')
    .values({ id: d.id, ...discountValues(d), times_used: 0, created_at: now, updated_at: now })
    .execute()
}

/** Updates the rules; `times_used` is left alone (only redemptions move it). */
export async function updateDiscountCode(db: Db, d: DiscountCode, now: number): Promise<boolean> {
  const result = await db
    .updateTable('discount_code')
    .set({ ...discountValues(d), updated_at: now })
    .where('id', '=', d.id)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function deleteDiscountCode(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('discount_code').where('id', '=', id).executeTakeFirst()
  return result.numDeletedRows === 1n
}

/**
 * One use of the code's total budget, in one conditional statement: the row only changes while it is
 * active, unexpired and under its limit. False when the code is used up (or gone, inactive, expired).
 */
export async function takeDiscountUse(db: Db, codeId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('discount_code')
    .set((eb) => ({ times_used: eb('times_used', '+', 1) }))
    .where('id', '=', codeId)
    .where('active', '=', 1)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .where((eb) => eb.or([eb('usage_limit', 'is', null), eb('times_used', '<', eb.ref('usage_limit'))]))
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** One use of the customer's allowance for a code, conditional on `limit` (null: unlimited). */
export async function takeCustomerUse(db: Db, codeId: string, customerId: string, limit: number | null) {
  await db
    .insertInto('discount_usage')
    .values({ code_id: codeId, customer_id: customerId, uses: 0 })
    .onConflict((oc) => oc.columns(['code_id', 'customer_id']).doNothing())
    .execute()
  let update = db
    .updateTable('discount_usage')
    .set((eb) => ({ uses: eb('uses', '+', 1) }))
    .where('code_id', '=', codeId)
    .where('customer_id', '=', customerId)
  if (limit !== null) update = update.where('uses', '<', limit)
  const result = await update.executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function insertRedemption(db: Db, r: DiscountRedemptionTable): Promise<void> {
  await db.insertInto('discount_redemption').values(r).execute()
}

export async function countRedemptions(db: Db, codeId: string): Promise<number> {
  const row = await db
    .selectFrom('discount_redemption')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('code_id', '=', codeId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Gives back the use an order's redemption took (its checkout was declined): the redemption row goes,
 * and the code's and the customer's counters go down by one, each in one statement. False when the
 * order redeemed nothing.
 */
export async function releaseRedemption(db: Db, orderId: string): Promise<boolean> {
  const gone = await db
    .deleteFrom('discount_redemption')
    .where('order_id', '=', orderId)
    .returning(['code_id', 'customer_id'])
    .executeTakeFirst()
  if (!gone) return false
  await db
    .updateTable('discount_code')
    .set((eb) => ({ times_used: eb('times_used', '-', 1) }))
    .where('id', '=', gone.code_id)
    .where('times_used', '>', 0)
    .execute()
  await db
    .updateTable('discount_usage')
    .set((eb) => ({ uses: eb('uses', '-', 1) }))
    .where('code_id', '=', gone.code_id)
    .where('customer_id', '=', gone.customer_id)
    .where('uses', '>', 0)
    .execute()
  return true
}
