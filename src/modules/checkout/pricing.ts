/**
 * Pricing rules: shipping quotes, tax, discounts and totals. Pure functions: no I/O, no clock (pass
 * `now`), integer minor units in and out.
 *
 * Rounding rules (the whole file follows them):
 * - Every amount is an integer in minor units; rates are integers in basis points (1900 = 19 %).
 * - A rate applied to an amount rounds half up (amounts are never negative): `applyRate`.
 * - An amount shared across lines (a discount) is split in proportion to the line amounts by the
 *   largest-remainder method, so the parts always sum exactly to the whole: `allocate`.
 * - Tax is computed per line (after its share of the discount) and on shipping, then summed; the
 *   order's tax is the sum of the rounded line taxes, so line and order views always agree.
 */
import { invalid } from '../../platform/errors.ts'

export const BASIS_POINTS = 10_000

/** `amount × rate / 10 000`, rounded half up. */
export function applyRate(amount: number, rateBp: number): number {
  return mulDivHalfUp(amount, rateBp, BASIS_POINTS)
}

/** The tax contained in a tax-inclusive amount: `gross × rate / (10 000 + rate)`, rounded half up. */
export function includedTax(gross: number, rateBp: number): number {
  return mulDivHalfUp(gross, rateBp, BASIS_POINTS + rateBp)
}

/** `a × b / d` rounded half up, for non-negative integers, exact (BigInt) even past 2^53. */
function mulDivHalfUp(a: number, b: number, d: number): number {
  const n = BigInt(a) * BigInt(b)
  const den = BigInt(d)
  const q = n / den
  return Number((n - q * den) * 2n >= den ? q + 1n : q)
}

/**
 * Splits `total` (a non-negative integer) into integer parts proportional to `weights` (non-negative
 * integers) by the largest-remainder method, ties to the earlier index. The parts sum exactly to
 * `total`, and each is its exact share rounded down or up. All-zero weights split evenly.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return []
  // BigInt: total × weight may pass 2^53 for large orders.
  const effective = weights.some((w) => w > 0) ? weights.map(BigInt) : weights.map(() => 1n)
  const whole = effective.reduce((a, b) => a + b, 0n)
  const big = BigInt(total)
  const parts = effective.map((w) => (big * w) / whole)
  let left = Number(big - parts.reduce((a, b) => a + b, 0n))
  const order = effective
    .map((w, i) => ({ i, remainder: (big * w) % whole }))
    .sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.i - b.i))
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k].i] += 1n
  return parts.map(Number)
}

// ---------------------------------------------------------------------------------------------
// Shipping

/** A weight band: up to and including `maxGrams`, the price is `amount`. */
export interface WeightTier {
  maxGrams: number
  amount: number
}

export interface ShippingMethod {
  id: string
  name: string
  currency: string
  /** ISO 3166-1 alpha-2. */
  country: string
  /** ISO 3166-2 subdivision (e.g. US-CA), or null for the whole country. */
  region: string | null
  kind: 'flat' | 'weight'
  /** The price of a flat method. */
  flatAmount: number | null
  /** The bands of a weight-based method, by ascending `maxGrams`. */
  weightTiers: WeightTier[] | null
  /** Shipping is free from this (discounted) subtotal on; null never. */
  freeOver: number | null
  active: boolean
}

export interface Destination {
  country: string
  region: string | null
}

/** Whether `method` ships to `to` (its country, and its region when it names one). */
export function shipsTo(method: ShippingMethod, to: Destination): boolean {
  return method.active && method.country === to.country && (method.region === null || method.region === to.region)
}

/**
 * The price of shipping `weightGrams` with `method`, or undefined when the method cannot carry it
 * (heavier than its last band).
 */
export function shippingPrice(method: ShippingMethod, weightGrams: number, subtotal: number): number | undefined {
  const price =
    method.kind === 'flat'
      ? (method.flatAmount ?? 0)
      : method.weightTiers?.find((tier) => weightGrams <= tier.maxGrams)?.amount
  if (price === undefined) return undefined
  return method.freeOver !== null && subtotal >= method.freeOver ? 0 : price
}

/** The methods that can ship this parcel to `to`, with their prices, cheapest first. */
export function quoteShipping(
  methods: readonly ShippingMethod[],
  to: Destination,
  parcel: { weightGrams: number; subtotal: number; currency: string },
): { method: ShippingMethod; amount: number }[] {
  const quotes: { method: ShippingMethod; amount: number }[] = []
  for (const method of methods) {
    if (!shipsTo(method, to) || method.currency !== parcel.currency) continue
    const amount = shippingPrice(method, parcel.weightGrams, parcel.subtotal)
    if (amount !== undefined) quotes.push({ method, amount })
  }
  return quotes.sort((a, b) => a.amount - b.amount || a.method.id.localeCompare(b.method.id))
}

// ---------------------------------------------------------------------------------------------
// Tax

export interface TaxRate {
  id: string
  country: string
  region: string | null
  rateBp: number
  name: string
}

/** The rate for a destination: its region's rate if one exists, else its country's; 0 when none. */
export function taxRateFor(rates: readonly TaxRate[], to: Destination): number {
  const regional =
    to.region === null ? undefined : rates.find((r) => r.country === to.country && r.region === to.region)
  const national = rates.find((r) => r.country === to.country && r.region === null)
  return (regional ?? national)?.rateBp ?? 0
}

// ---------------------------------------------------------------------------------------------
// Discounts

export interface DiscountCode {
  id: string
  code: string
  kind: 'percentage' | 'fixed'
  /** Basis points for a percentage, minor units for a fixed amount. */
  value: number
  /** The currency of a fixed amount and of the minimum subtotal (null: any, for percentage codes). */
  currency: string | null
  minSubtotal: number
  startsAt: number | null
  expiresAt: number | null
  usageLimit: number | null
  perCustomerLimit: number | null
  timesUsed: number
  active: boolean
}

export const discountProblems = {
  'discount-inactive': { title: 'Discount inactive', description: 'The discount code is switched off.' },
  'discount-not-started': { title: 'Discount not yet valid', description: 'The discount code is not valid yet.' },
  'discount-expired': { title: 'Discount expired', description: 'The discount code has expired.' },
  'discount-minimum-not-met': {
    title: 'Minimum subtotal not met',
    description: 'The subtotal is below the minimum the discount code requires; `minSubtotal` says how much.',
  },
  'discount-currency-mismatch': {
    title: 'Discount currency mismatch',
    description: 'The discount code is for another currency.',
  },
  'discount-exhausted': { title: 'Discount used up', description: 'The discount code reached its usage limit.' },
  'discount-customer-limit': {
    title: 'Discount already used',
    description: 'This customer has used the discount code as often as it allows.',
  },
}

/**
 * Throws an `invalid` problem unless `code` applies to this order now. Usage limits are not checked
 * here: they only hold when enforced as the redemption is written (`redeemDiscount`).
 */
export function checkDiscount(code: DiscountCode, order: { subtotal: number; currency: string; now: number }): void {
  if (!code.active) throw invalid('discount-inactive', `The code ${code.code} is not active`)
  if (code.startsAt !== null && order.now < code.startsAt)
    throw invalid('discount-not-started', `The code ${code.code} is not valid yet`)
  if (code.expiresAt !== null && order.now >= code.expiresAt)
    throw invalid('discount-expired', `The code ${code.code} has expired`)
  if (code.currency !== null && code.currency !== order.currency)
    throw invalid('discount-currency-mismatch', `The code ${code.code} is for ${code.currency}`)
  if (order.subtotal < code.minSubtotal)
    throw invalid('discount-minimum-not-met', `The code ${code.code} needs a subtotal of ${code.minSubtotal}`, {
      minSubtotal: code.minSubtotal,
    })
}

/** The discount on `subtotal`: a percentage rounded half up, or a fixed amount capped at the subtotal. */
export function discountAmount(discount: Pick<DiscountCode, 'kind' | 'value'> | null, subtotal: number): number {
  if (!discount) return 0
  const raw =
    discount.kind === 'percentage' ? applyRate(subtotal, Math.min(discount.value, BASIS_POINTS)) : discount.value
  return Math.min(raw, subtotal)
}

// ---------------------------------------------------------------------------------------------
// Totals

export interface PricedLine {
  /** Unit price as the catalog states it (gross when prices include tax, else net). */
  unitPrice: number
  quantity: number
}

export interface TaxSetting {
  rateBp: number
  /** Catalog and shipping prices already contain tax (PRICES_INCLUDE_TAX). */
  pricesIncludeTax: boolean
  /** Whether shipping is taxed at the same rate (as in most VAT systems). */
  taxShipping: boolean
}

export interface LineTotals {
  /** unitPrice × quantity. */
  amount: number
  /** This line's share of the order discount. */
  discount: number
  /** Tax on (amount − discount): added when exclusive, contained when inclusive. */
  tax: number
  /** amount − discount (+ tax when exclusive): what the customer pays for this line. */
  total: number
}

export interface Totals {
  /** Sum of the line amounts, as priced. */
  subtotal: number
  discount: number
  shipping: number
  /** Tax on shipping (part of `tax`). */
  shippingTax: number
  /** Total tax: added on top when exclusive, contained in the prices when inclusive. */
  tax: number
  taxIncluded: boolean
  /**
   * What the customer pays. Exclusive: subtotal + shipping + tax − discount.
   * Inclusive: subtotal + shipping − discount (and `tax` is part of it).
   */
  total: number
  lines: LineTotals[]
}

/**
 * Totals of an order. The discount (computed on the subtotal, capped at it) is allocated across the
 * lines by amount; tax is per line on the discounted amount, plus shipping tax. Nothing is negative.
 */
export function computeTotals(
  lines: readonly PricedLine[],
  shipping: number,
  tax: TaxSetting,
  discount: Pick<DiscountCode, 'kind' | 'value'> | null,
): Totals {
  for (const line of lines) {
    if (!isAmount(line.unitPrice) || !Number.isSafeInteger(line.quantity) || line.quantity < 0) {
      throw new RangeError('Line prices and quantities must be non-negative integers')
    }
  }
  if (!isAmount(shipping) || !Number.isSafeInteger(tax.rateBp) || tax.rateBp < 0) {
    throw new RangeError('Shipping and tax rate must be non-negative integers')
  }
  const amounts = lines.map((line) => line.unitPrice * line.quantity)
  const subtotal = amounts.reduce((a, b) => a + b, 0)
  const discountTotal = discountAmount(discount, subtotal)
  const shares = allocate(discountTotal, amounts)
  const taxOf = (amount: number) =>
    tax.pricesIncludeTax ? includedTax(amount, tax.rateBp) : applyRate(amount, tax.rateBp)
  const lineTotals = amounts.map((amount, i) => {
    const net = amount - shares[i]
    const lineTax = taxOf(net)
    return { amount, discount: shares[i], tax: lineTax, total: tax.pricesIncludeTax ? net : net + lineTax }
  })
  const shippingTax = tax.taxShipping ? taxOf(shipping) : 0
  const taxTotal = lineTotals.reduce((sum, line) => sum + line.tax, 0) + shippingTax
  const total = subtotal - discountTotal + shipping + (tax.pricesIncludeTax ? 0 : taxTotal)
  return {
    subtotal,
    discount: discountTotal,
    shipping,
    shippingTax,
    tax: taxTotal,
    taxIncluded: tax.pricesIncludeTax,
    total,
    lines: lineTotals,
  }
}

function isAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0
}
