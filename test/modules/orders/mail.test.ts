import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatMoney } from '../../../src/modules/orders/mail.ts'

test('money is formatted from minor units with the currency’s own digits', () => {
  assert.equal(formatMoney(123456, 'EUR'), '€1,234.56')
  assert.equal(formatMoney(500, 'JPY'), '¥500')
  assert.equal(formatMoney(1234, 'KWD').replace(/\s/g, ' '), 'KWD 1.234') // ICU puts a no-break space here
  assert.equal(formatMoney(0, 'USD'), '$0.00')
})

test('formatters are kept per locale and currency, and give the same text every time', (t) => {
  // Counts the formatters built while it is installed. Locales and currencies no other test here uses,
  // so none is cached before.
  const Original = Intl.NumberFormat
  const built: string[] = []
  class Counting extends Original {
    constructor(locale?: string | string[], options?: Intl.NumberFormatOptions) {
      super(locale, options)
      built.push(`${locale}|${options?.currency}`)
    }
  }
  Intl.NumberFormat = Counting as typeof Intl.NumberFormat
  t.after(() => {
    Intl.NumberFormat = Original
  })
  for (let i = 0; i < 3; i++) assert.equal(formatMoney(123456, 'GBP'), '£1,234.56')
  for (let i = 0; i < 2; i++) assert.equal(formatMoney(123456, 'GBP', 'de').replace(/\s/g, ' '), '1.234,56 £')
  assert.equal(formatMoney(123456, 'GBP'), '£1,234.56')
  assert.equal(formatMoney(500, 'CHF').replace(/\s/g, ' '), 'CHF 5.00')
  assert.deepEqual(built, ['en|GBP', 'de|GBP', 'en|CHF'])
})
