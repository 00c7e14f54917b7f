/**
 * Checkout configuration (shipping methods, tax rates, discount codes) and discount redemption.
 * The checkout transaction will read the configuration through `ratesTo` (or `shippingFor`, `taxRatesFor`) and
 * `findDiscount`, price with pricing.ts, and call `redeemDiscount(trx, …)` inside its transaction.
 */
import { newId } from '../../platform/db/ids.ts'
import type { SignalCache } from '../../platform/db/signal-cache.ts'
import type { Db } from '../../platform/db/types.ts'
import { conflict, invalid, notFound } from '../../platform/errors.ts'
import { BASIS_POINTS, type DiscountCode, type ShippingMethod, type TaxRate } from './pricing.ts'
import type { DiscountCodeBody, ShippingMethodBody, TaxRateBody } from './schemas.ts'
import * as store from './store.ts'

export const checkoutProblems = {
  'shipping-method-not-found': { title: 'Shipping method not found', description: 'No shipping method has this id.' },
  'shipping-method-invalid': {
    title: 'Invalid shipping method',
    description:
      'A flat method needs `flatAmount` and no tiers; a weight method needs `weightTiers` in ascending weight.',
  },
  'tax-rate-not-found': { title: 'Tax rate not found', description: 'No tax rate has this id.' },
  'tax-rate-exists': {
    title: 'Tax rate exists',
    description: 'This country (or region) already has a tax rate; change that one instead.',
  },
  'region-country-mismatch': {
    title: 'Region outside country',
    description: 'A region code must start with its country code (US-CA in US).',
  },
  'discount-code-not-found': { title: 'Discount code not found', description: 'No discount code has this id.' },
  'discount-code-exists': { title: 'Discount code exists', description: 'Another discount code has this code.' },
  'discount-code-invalid': {
    title: 'Invalid discount code',
    description:
      'A percentage is at most 10000 basis points; a fixed amount needs a currency; expiry must follow the start.',
  },
}

/**
 * Redeems one use of a discount code for a customer, enforcing the total and per-customer limits with
 * conditional statements (safe under concurrency on SQLite and PostgreSQL). Takes the caller's
 * transaction; opens its own when given the plain database. Throws 409 `discount-exhausted` or
 * `discount-customer-limit`; nothing is written then (the transaction rolls back).
 */
export async function redeemDiscount(
  db: Db,
  codeId: string,
  customerId: string,
  options: { orderId?: string; now?: number; code?: DiscountCode } = {},
): Promise<void> {
  const now = options.now ?? Date.now()
  const run = async (trx: Db) => {
    // `code`: the caller read it in this transaction (the checkout's findDiscount); not read again. The
    // limits are enforced by the conditional statements below, not by what was read.
    const code = options.code?.id === codeId ? options.code : await store.findDiscountCode(trx, codeId)
    if (!code) throw notFound('discount-code-not-found', 'No such discount code')
    if (!(await store.takeDiscountUse(trx, codeId, now))) {
      throw conflict('discount-exhausted', `The code ${code.code} has been used up`)
    }
    if (!(await store.takeCustomerUse(trx, codeId, customerId, code.perCustomerLimit))) {
      throw conflict('discount-customer-limit', `The code ${code.code} was already used as often as it allows`)
    }
    await store.insertRedemption(trx, {
      id: newId('red', now),
      code_id: codeId,
      customer_id: customerId,
      order_id: options.orderId ?? null,
      created_at: now,
    })
  }
  await (db.isTransaction ? run(db) : db.transaction().execute(run))
}

/** Gives back the discount use `orderId` redeemed (a declined checkout), in the caller's transaction. */
export async function releaseDiscount(trx: Db, orderId: string): Promise<boolean> {
  return store.releaseRedemption(trx, orderId)
}

/** What a checkout to a country prices with (`ratesTo`): frozen, since a cached copy is shared. */
export interface Rates {
  methods: readonly ShippingMethod[]
  taxRates: readonly TaxRate[]
}

export function createCheckoutConfigService(deps: {
  db: Db
  now?: () => number
  /**
   * `ratesTo` by country, per process, dropped on every shipping or tax write on any node (the
   * `checkout` change-signal topic, app.ts). Without it every checkout reads them.
   */
  rates?: SignalCache<Rates>
}) {
  const { db, rates } = deps
  const now = deps.now ?? Date.now
  return {
    listShippingMethods,
    createShippingMethod,
    replaceShippingMethod,
    deleteShippingMethod,
    listTaxRates,
    createTaxRate,
    replaceTaxRate,
    deleteTaxRate,
    listDiscountCodes,
    getDiscountCode,
    createDiscountCode,
    replaceDiscountCode,
    deleteDiscountCode,
    shippingFor,
    taxRatesFor,
    ratesTo,
    findDiscount,
    redeemDiscount,
    releaseDiscount,
  }

  // Shipping methods -------------------------------------------------------------------------

  function listShippingMethods(): Promise<ShippingMethod[]> {
    return store.listShippingMethods(db)
  }
  async function createShippingMethod(input: ShippingMethodBody): Promise<ShippingMethod> {
    const method = shippingMethodFrom(newId('shm'), input)
    await ratesWrite(async (trx) => {
      await store.insertShippingMethod(trx, method, now())
    })
    return method
  }
  async function replaceShippingMethod(id: string, input: ShippingMethodBody): Promise<ShippingMethod> {
    const method = shippingMethodFrom(id, input)
    await ratesWrite(async (trx) => {
      if (!(await store.updateShippingMethod(trx, method, now()))) throw shippingNotFound()
    })
    return method
  }
  async function deleteShippingMethod(id: string): Promise<void> {
    await ratesWrite(async (trx) => {
      if (!(await store.deleteShippingMethod(trx, id))) throw shippingNotFound()
    })
  }
  /** The methods for a destination country, for the checkout to quote (pricing.quoteShipping). */
  function shippingFor(trx: Db, country: string): Promise<ShippingMethod[]> {
    return store.listShippingMethods(trx, country)
  }

  /**
   * Both of the above in one statement: what a checkout to `country` prices with. From memory while
   * no shipping method or tax rate has changed anywhere since it was read (`deps.rates`).
   */
  function ratesTo(trx: Db, country: string): Promise<Rates> {
    const read = async () => deepFreeze(await store.ratesTo(trx, country))
    return rates ? rates.get(country, read) : read()
  }

  /** A shipping or tax write, in a transaction that also tells every node's `rates` cache. */
  function ratesWrite(write: (trx: Db) => Promise<void>): Promise<void> {
    return db.transaction().execute(async (trx) => {
      await write(trx)
      await rates?.changed(trx)
    })
  }

  // Tax rates --------------------------------------------------------------------------------

  function listTaxRates(): Promise<TaxRate[]> {
    return store.listTaxRates(db)
  }
  async function createTaxRate(input: TaxRateBody): Promise<TaxRate> {
    const rate = taxRateFrom(newId('txr'), input)
    await ratesWrite(async (trx) => {
      if (await store.findTaxRateAt(trx, rate.country, rate.region)) throw taxRateExists(rate)
      await store.insertTaxRate(trx, rate, now())
    })
    return rate
  }
  async function replaceTaxRate(id: string, input: TaxRateBody): Promise<TaxRate> {
    const rate = taxRateFrom(id, input)
    await ratesWrite(async (trx) => {
      if (await store.findTaxRateAt(trx, rate.country, rate.region, id)) throw taxRateExists(rate)
      if (!(await store.updateTaxRate(trx, rate, now()))) throw notFound('tax-rate-not-found', 'No such tax rate')
    })
    return rate
  }
  async function deleteTaxRate(id: string): Promise<void> {
    await ratesWrite(async (trx) => {
      if (!(await store.deleteTaxRate(trx, id))) throw notFound('tax-rate-not-found', 'No such tax rate')
    })
  }
  /** The rates of a destination country (pricing.taxRateFor picks the regional or national one). */
  function taxRatesFor(trx: Db, country: string): Promise<TaxRate[]> {
    return store.listTaxRates(trx, country)
  }

  // Discount codes ---------------------------------------------------------------------------

  function listDiscountCodes(): Promise<DiscountCode[]> {
    return store.listDiscountCodes(db)
  }
  async function getDiscountCode(id: string): Promise<DiscountCode> {
    const code = await store.findDiscountCode(db, id)
    if (!code) throw discountNotFound()
    return code
  }
  async function createDiscountCode(input: DiscountCodeBody): Promise<DiscountCode> {
    const code = discountCodeFrom(newId('dsc'), input, 0)
    await db.transaction().execute(async (trx) => {
      if (await store.findDiscountIdByCode(trx, code.code)) throw discountExists(code)
      await store.insertDiscountCode(trx, code, now())
    })
    return code
  }
  async function replaceDiscountCode(id: string, input: DiscountCodeBody): Promise<DiscountCode> {
    return db.transaction().execute(async (trx) => {
      const existing = await store.findDiscountCode(trx, id)
      if (!existing) throw discountNotFound()
      const code = discountCodeFrom(id, input, existing.timesUsed)
      if (await store.findDiscountIdByCode(trx, code.code, id)) throw discountExists(code)
      await store.updateDiscountCode(trx, code, now())
      return code
    })
  }
  async function deleteDiscountCode(id: string): Promise<void> {
    if (!(await store.deleteDiscountCode(db, id))) throw discountNotFound()
  }
  /** A code as a customer typed it (case-insensitive), or undefined. */
  function findDiscount(trx: Db, code: string): Promise<DiscountCode | undefined> {
    return store.findDiscountByCode(trx, code)
  }
}

export type CheckoutConfigService = ReturnType<typeof createCheckoutConfigService>

/** A shipping method from its body, with the rules a schema cannot say. */
export function shippingMethodFrom(id: string, input: ShippingMethodBody): ShippingMethod {
  const region = input.region ?? null
  checkRegion(input.country, region)
  const flatAmount = input.flatAmount ?? null
  const weightTiers = input.weightTiers ?? null
  if (input.kind === 'flat' && (flatAmount === null || weightTiers !== null)) {
    throw invalid('shipping-method-invalid', 'A flat method needs flatAmount and no weightTiers')
  }
  if (input.kind === 'weight') {
    if (weightTiers === null || flatAmount !== null) {
      throw invalid('shipping-method-invalid', 'A weight method needs weightTiers and no flatAmount')
    }
    if (weightTiers.some((tier, i) => i > 0 && tier.maxGrams <= weightTiers[i - 1].maxGrams)) {
      throw invalid('shipping-method-invalid', 'weightTiers must be in strictly ascending maxGrams')
    }
  }
  return {
    id,
    name: input.name,
    currency: input.currency,
    country: input.country,
    region,
    kind: input.kind,
    flatAmount,
    weightTiers,
    freeOver: input.freeOver ?? null,
    active: input.active ?? true,
  }
}

export function taxRateFrom(id: string, input: TaxRateBody): TaxRate {
  const region = input.region ?? null
  checkRegion(input.country, region)
  return { id, name: input.name, country: input.country, region, rateBp: input.rateBp }
}

export function discountCodeFrom(id: string, input: DiscountCodeBody, timesUsed: number): DiscountCode {
  const currency = input.currency ?? null
  if (input.kind === 'percentage' && input.value > BASIS_POINTS) {
    throw invalid('discount-code-invalid', 'A percentage discount is at most 10000 basis points (100 %)')
  }
  if (input.kind === 'fixed' && currency === null) {
    throw invalid('discount-code-invalid', 'A fixed discount needs a currency')
  }
  if ((input.minSubtotal ?? 0) > 0 && currency === null) {
    throw invalid('discount-code-invalid', 'A minimum subtotal needs a currency')
  }
  const startsAt = input.startsAt ?? null
  const expiresAt = input.expiresAt ?? null
  if (startsAt !== null && expiresAt !== null && expiresAt <= startsAt) {
    throw invalid('discount-code-invalid', 'expiresAt must be after startsAt')
  }
  return {
    id,
    code: input.code.toUpperCase(),
    kind: input.kind,
    value: input.value,
    currency,
    minSubtotal: input.minSubtotal ?? 0,
    startsAt,
    expiresAt,
    usageLimit: input.usageLimit ?? null,
    perCustomerLimit: input.perCustomerLimit ?? null,
    timesUsed,
    active: input.active ?? true,
  }
}

function checkRegion(country: string, region: string | null): void {
  if (region !== null && !region.startsWith(`${country}-`)) {
    throw invalid('region-country-mismatch', `Region ${region} is not in ${country}`)
  }
}

/** Freezes a value and everything it holds (a cached copy is shared by every request). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}

function shippingNotFound() {
  return notFound('shipping-method-not-found', 'No such shipping method')
}
function discountNotFound() {
  return notFound('discount-code-not-found', 'No such discount code')
}
function discountExists(code: DiscountCode) {
  return conflict('discount-code-exists', `A discount code ${code.code} exists`, { code: code.code })
}
function taxRateExists(rate: TaxRate) {
  return conflict('tax-rate-exists', `${rate.region ?? rate.country} already has a tax rate`)
}
