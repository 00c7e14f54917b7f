import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import {
  allocate,
  applyRate,
  checkDiscount,
  computeTotals,
  type DiscountCode,
  discountAmount,
  includedTax,
  quoteShipping,
  type ShippingMethod,
  shippingPrice,
  taxRateFor,
} from '../../../src/modules/checkout/pricing.ts'

const amount = fc.integer({ min: 0, max: 10_000_000 })
const line = fc.record({ unitPrice: fc.integer({ min: 0, max: 1_000_000 }), quantity: fc.integer({ min: 0, max: 99 }) })
const lines = fc.array(line, { minLength: 0, maxLength: 12 })
const rate = fc.integer({ min: 0, max: 10_000 })
const discount = fc.option(
  fc.oneof(
    fc.record({ kind: fc.constant('percentage' as const), value: fc.integer({ min: 1, max: 10_000 }) }),
    fc.record({ kind: fc.constant('fixed' as const), value: fc.integer({ min: 1, max: 50_000_000 }) }),
  ),
  { nil: null },
)
const taxSetting = fc.record({ rateBp: rate, pricesIncludeTax: fc.boolean(), taxShipping: fc.boolean() })

test('allocate: a split always adds up to the whole, each part within one unit of its exact share', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 1e12 }),
      fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 30 }),
      (total, weights) => {
        const parts = allocate(total, weights)
        assert.equal(parts.length, weights.length)
        assert.equal(
          parts.reduce((a, b) => a + b, 0),
          total,
        )
        const sum = weights.reduce((a, b) => a + b, 0)
        for (const [i, part] of parts.entries()) {
          assert.ok(Number.isInteger(part) && part >= 0)
          const exact = sum === 0 ? total / weights.length : (total * weights[i]) / sum
          assert.ok(Math.abs(part - exact) < 1 + 1e-6, `part ${part} vs exact ${exact}`)
        }
      },
    ),
  )
})

test('allocate: examples (largest remainder, ties to the first)', () => {
  assert.deepEqual(allocate(100, [1, 1, 1]), [34, 33, 33])
  assert.deepEqual(allocate(10, [0, 0]), [5, 5])
  assert.deepEqual(allocate(5, [3, 0, 7]), [2, 0, 3]) // 1.5 and 3.5: equal remainders, the first gets the unit
  assert.deepEqual(allocate(0, [4, 5]), [0, 0])
  assert.deepEqual(allocate(7, []), [])
})

test('rounding: half up, in integer minor units', () => {
  assert.equal(applyRate(1000, 1900), 190)
  assert.equal(applyRate(5, 1000), 1) // 0.5 → 1
  assert.equal(applyRate(4, 1000), 0) // 0.4 → 0
  assert.equal(includedTax(1190, 1900), 190)
  assert.equal(includedTax(119, 1900), 19)
  assert.equal(applyRate(9_000_000_000_000, 1900), 1_710_000_000_000) // no float error past 2^53 intermediates
})

test('computeTotals: totals always reconcile, nothing is negative', () => {
  fc.assert(
    fc.property(lines, amount, taxSetting, discount, (ls, shipping, tax, d) => {
      const t = computeTotals(ls, shipping, tax, d)
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
      assert.equal(t.subtotal, sum(ls.map((l) => l.unitPrice * l.quantity)))
      assert.equal(sum(t.lines.map((l) => l.amount)), t.subtotal)
      assert.equal(sum(t.lines.map((l) => l.discount)), t.discount) // the discount split adds up
      assert.equal(sum(t.lines.map((l) => l.tax)) + t.shippingTax, t.tax)
      if (tax.pricesIncludeTax) {
        assert.equal(t.subtotal + t.shipping - t.discount, t.total)
        assert.ok(t.tax <= t.total)
        assert.equal(sum(t.lines.map((l) => l.total)) + t.shipping, t.total)
      } else {
        assert.equal(t.subtotal + t.shipping + t.tax - t.discount, t.total)
        assert.equal(sum(t.lines.map((l) => l.total)) + t.shipping + t.shippingTax, t.total)
      }
      assert.ok(t.discount <= t.subtotal)
      for (const value of [t.subtotal, t.discount, t.shipping, t.tax, t.total, t.shippingTax]) {
        assert.ok(Number.isSafeInteger(value) && value >= 0, `${value} is a non-negative integer`)
      }
      for (const l of t.lines) {
        assert.ok(l.discount <= l.amount && l.tax >= 0 && l.total >= 0)
      }
    }),
    { numRuns: 500 },
  )
})

test('computeTotals: a worked example, exclusive and inclusive', () => {
  const ls = [
    { unitPrice: 1000, quantity: 2 },
    { unitPrice: 333, quantity: 3 },
  ]
  const exclusive = computeTotals(
    ls,
    499,
    { rateBp: 1900, pricesIncludeTax: false, taxShipping: true },
    {
      kind: 'percentage',
      value: 1000,
    },
  )
  // subtotal 2999; 10 % = 299.9 → 300 split 2000:999 → 200.07/99.93 → 200, 100
  assert.deepEqual(
    exclusive.lines.map((l) => l.discount),
    [200, 100],
  )
  assert.equal(exclusive.subtotal, 2999)
  assert.equal(exclusive.discount, 300)
  // tax: 1800 × 19 % = 342; 899 × 19 % = 170.81 → 171; shipping 499 × 19 % = 94.81 → 95
  assert.equal(exclusive.tax, 342 + 171 + 95)
  assert.equal(exclusive.total, 2999 - 300 + 499 + 608)

  const inclusive = computeTotals(
    ls,
    499,
    { rateBp: 1900, pricesIncludeTax: true, taxShipping: true },
    {
      kind: 'fixed',
      value: 5000,
    },
  )
  assert.equal(inclusive.discount, 2999) // capped at the subtotal
  assert.equal(inclusive.total, 499)
  assert.equal(inclusive.tax, 80) // 499 × 19/119 = 79.67 → 80
})

test('computeTotals refuses negative or fractional input', () => {
  const tax = { rateBp: 0, pricesIncludeTax: false, taxShipping: false }
  assert.throws(() => computeTotals([{ unitPrice: -1, quantity: 1 }], 0, tax, null), RangeError)
  assert.throws(() => computeTotals([{ unitPrice: 1.5, quantity: 1 }], 0, tax, null), RangeError)
  assert.throws(() => computeTotals([], -5, tax, null), RangeError)
})

test('discountAmount: percentage rounds half up, fixed caps at the subtotal', () => {
  assert.equal(discountAmount({ kind: 'percentage', value: 1500 }, 1003), 150) // 150.45
  assert.equal(discountAmount({ kind: 'percentage', value: 2500 }, 2), 1) // 0.5 → 1
  assert.equal(discountAmount({ kind: 'fixed', value: 500 }, 300), 300)
  assert.equal(discountAmount(null, 300), 0)
})

const method = (over: Partial<ShippingMethod>): ShippingMethod => ({
  id: 'shm_1',
  name: 'Standard',
  currency: 'EUR',
  country: 'DE',
  region: null,
  kind: 'flat',
  flatAmount: 500,
  weightTiers: null,
  freeOver: null,
  active: true,
  ...over,
})

test('shipping: flat, weight bands, free over a subtotal, per country and region', () => {
  const weight = method({
    id: 'shm_2',
    kind: 'weight',
    flatAmount: null,
    weightTiers: [
      { maxGrams: 1000, amount: 400 },
      { maxGrams: 5000, amount: 900 },
    ],
  })
  assert.equal(shippingPrice(weight, 1000, 0), 400)
  assert.equal(shippingPrice(weight, 1001, 0), 900)
  assert.equal(shippingPrice(weight, 5001, 0), undefined)
  assert.equal(shippingPrice(method({ freeOver: 5000 }), 0, 5000), 0)
  assert.equal(shippingPrice(method({ freeOver: 5000 }), 0, 4999), 500)

  const methods = [
    method({ id: 'shm_a', flatAmount: 700 }),
    weight,
    method({ id: 'shm_ca', country: 'US', region: 'US-CA', currency: 'USD' }),
    method({ id: 'shm_us', country: 'US', currency: 'USD', flatAmount: 900 }),
    method({ id: 'shm_off', active: false, flatAmount: 1 }),
  ]
  const de = quoteShipping(
    methods,
    { country: 'DE', region: null },
    { weightGrams: 2000, subtotal: 0, currency: 'EUR' },
  )
  assert.deepEqual(
    de.map((q) => [q.method.id, q.amount]),
    [
      ['shm_a', 700],
      ['shm_2', 900],
    ],
  )
  const ca = quoteShipping(
    methods,
    { country: 'US', region: 'US-CA' },
    { weightGrams: 1, subtotal: 0, currency: 'USD' },
  )
  assert.deepEqual(
    ca.map((q) => q.method.id),
    ['shm_ca', 'shm_us'],
  )
  const ny = quoteShipping(
    methods,
    { country: 'US', region: 'US-NY' },
    { weightGrams: 1, subtotal: 0, currency: 'USD' },
  )
  assert.deepEqual(
    ny.map((q) => q.method.id),
    ['shm_us'],
  )
})

test('tax: the region rate wins over the country rate; none is 0', () => {
  const rates = [
    { id: 'txr_1', name: 'US', country: 'US', region: null, rateBp: 0 },
    { id: 'txr_2', name: 'CA', country: 'US', region: 'US-CA', rateBp: 725 },
    { id: 'txr_3', name: 'DE', country: 'DE', region: null, rateBp: 1900 },
  ]
  assert.equal(taxRateFor(rates, { country: 'US', region: 'US-CA' }), 725)
  assert.equal(taxRateFor(rates, { country: 'US', region: 'US-NY' }), 0)
  assert.equal(taxRateFor(rates, { country: 'DE', region: 'DE-BY' }), 1900)
  assert.equal(taxRateFor(rates, { country: 'FR', region: null }), 0)
})

test('checkDiscount: active, window, currency, minimum subtotal', () => {
  const code: DiscountCode = {
    id: 'dsc_1',
    code: 'SPRING',
    kind: 'fixed',
    value: 500,
    currency: 'EUR',
    minSubtotal: 2000,
    startsAt: 1000,
    expiresAt: 2000,
    usageLimit: null,
    perCustomerLimit: null,
    timesUsed: 0,
    active: true,
  }
  const order = { subtotal: 2000, currency: 'EUR', now: 1500 }
  checkDiscount(code, order)
  assert.throws(() => checkDiscount({ ...code, active: false }, order), { code: 'discount-inactive' })
  assert.throws(() => checkDiscount(code, { ...order, now: 999 }), { code: 'discount-not-started' })
  assert.throws(() => checkDiscount(code, { ...order, now: 2000 }), { code: 'discount-expired' })
  assert.throws(() => checkDiscount(code, { ...order, currency: 'USD' }), { code: 'discount-currency-mismatch' })
  assert.throws(() => checkDiscount(code, { ...order, subtotal: 1999 }), { code: 'discount-minimum-not-met' })
})
