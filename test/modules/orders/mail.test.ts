import assert from 'node:assert/strict'
import { test } from 'node:test'
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
