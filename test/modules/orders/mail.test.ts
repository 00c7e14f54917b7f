import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { formatMoney } from '../../../src/modules/orders/mail.ts'

test('money is formatted from minor units with the currency’s own digits', () => {
  assert.equal(formatMoney(123456, 'EUR'), '€1,234.56')
  assert.equal(formatMoney(500, 'JPY'), '¥500')
  assert.equal(formatMoney(1234, 'KWD').replace(/\s/g, ' '), 'KWD 1.234') // ICU puts a no-break space here
  assert.equal(formatMoney(0, 'USD'), '$0.00')
})

test('formatters are kept per locale and currency, and give the same text every time', () => {
  for (let i = 0; i < 3; i++) assert.equal(formatMoney(123456, 'EUR'), '€1,234.56')
  assert.equal(formatMoney(123456, 'EUR', 'de').replace(/\s/g, ' '), '1.234,56 €')
  assert.equal(formatMoney(123456, 'EUR'), '€1,234.56')
})

test('money reads exactly as ICU writes it, in any locale and currency (the layout shortcut or ICU itself)', () => {
  const locales = ['en', 'de', 'fr', 'es', 'en-IN', 'de-CH', 'nl', 'ar-EG', 'ja', 'pt-BR', 'sv']
  const currencies = ['EUR', 'USD', 'JPY', 'GBP', 'CHF', 'KWD', 'INR', 'SEK', 'CLF']
  const icu = (amount: number, currency: string, locale: string) => {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency })
    return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2))
  }
  fc.assert(
    fc.property(
      fc.constantFrom(...locales),
      fc.constantFrom(...currencies),
      fc.oneof(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 2 ** 53 - 1 }), fc.integer()),
      (locale, currency, amount) => formatMoney(amount, currency, locale) === icu(amount, currency, locale),
    ),
    { numRuns: 5000 },
  )
  for (const locale of locales) {
    for (const currency of currencies) {
      for (const amount of [0, 5, 1000, 123456, 10 ** 9, -123456, 2 ** 53]) {
        assert.equal(
          formatMoney(amount, currency, locale),
          icu(amount, currency, locale),
          `${locale} ${currency} ${amount}`,
        )
      }
    }
  }
})
