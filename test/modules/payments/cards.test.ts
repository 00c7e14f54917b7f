import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { brandOf, checkCard, luhnValid } from '../../../src/modules/payments/cards.ts'

const NOW = Date.UTC(2026, 10, 25) // November 2026
const card = (over: Partial<Parameters<typeof checkCard>[0]> = {}) => ({
  cardNumber: '4242424242424242',
  expMonth: 12,
  expYear: 2030,
  cvc: '123',
  ...over,
})

test('Luhn: known numbers, and any single-digit change breaks it', () => {
  for (const n of [
    '4242424242424242',
    '4000000000000002',
    '4000000000009995',
    '4000002500003155',
    '378282246310005',
    '5555555555554444',
  ]) {
    assert.ok(luhnValid(n), n)
  }
  assert.ok(!luhnValid('4242424242424241'))
  assert.ok(!luhnValid('42424242a4242424'))
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 9 }), (i, delta) => {
      const digits = '4242424242424242'.split('').map(Number)
      digits[i] = (digits[i] + delta) % 10
      return !luhnValid(digits.join(''))
    }),
  )
})

test('brands', () => {
  assert.equal(brandOf('4242424242424242'), 'visa')
  assert.equal(brandOf('5555555555554444'), 'mastercard')
  assert.equal(brandOf('2223003122003222'), 'mastercard')
  assert.equal(brandOf('378282246310005'), 'amex')
  assert.equal(brandOf('6011111111111117'), 'discover')
})

test('checkCard keeps only brand, last four, expiry and the test outcome', () => {
  assert.deepEqual(checkCard(card(), NOW), {
    brand: 'visa',
    last4: '4242',
    expMonth: 12,
    expYear: 2030,
    outcome: 'success',
  })
  assert.equal(checkCard(card({ cardNumber: '4242 4242 4242 4242' }), NOW).last4, '4242')
  assert.equal(checkCard(card({ cardNumber: '4000000000000002' }), NOW).outcome, 'declined')
  assert.equal(checkCard(card({ cardNumber: '4000000000009995' }), NOW).outcome, 'insufficient_funds')
  assert.equal(checkCard(card({ cardNumber: '4000002500003155' }), NOW).outcome, 'requires_authentication')
  assert.equal(checkCard(card({ cardNumber: '378282246310005', cvc: '1234' }), NOW).brand, 'amex')
})

test('checkCard refusals never echo the number or the CVC', () => {
  const cases: [Parameters<typeof checkCard>[0], string][] = [
    [card({ cardNumber: '4242424242424241' }), 'card-number-invalid'],
    [card({ cardNumber: '42424242424242' }), 'card-number-invalid'], // visa with 14 digits
    [card({ expYear: 2026, expMonth: 10 }), 'card-expired'],
    [card({ expYear: 2025, expMonth: 12 }), 'card-expired'],
    [card({ cvc: '12' }), 'card-cvc-invalid'],
    [card({ cvc: '1234' }), 'card-cvc-invalid'],
    [card({ cardNumber: '378282246310005', cvc: '123' }), 'card-cvc-invalid'],
  ]
  for (const [input, code] of cases) {
    assert.throws(
      () => checkCard(input, NOW),
      (e: any) => e.code === code && !e.detail.includes(input.cardNumber.slice(-8)) && !e.detail.includes(input.cvc),
      `${code}`,
    )
  }
  assert.equal(checkCard(card({ expYear: 2026, expMonth: 11 }), NOW).expMonth, 11) // valid through its month
})
