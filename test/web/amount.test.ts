/** Typed refund amounts → minor units: exact (text shifting, no floating point), per currency's digits. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { currencyDigits, toDecimal, toMinorUnits } from '../../web/dashboard/src/sections/orders/amount.ts'

test('decimal amounts become exact minor units', () => {
  assert.equal(toMinorUnits('12.5', 'EUR'), 1250)
  assert.equal(toMinorUnits('12,50', 'EUR'), 1250)
  assert.equal(toMinorUnits(' 0.07 ', 'EUR'), 7)
  assert.equal(toMinorUnits('1.10', 'EUR'), 110) // 1.1 * 100 is 110.00000000000001 in floating point
  assert.equal(toMinorUnits('4.35', 'USD'), 435) // 4.35 * 100 is 434.99999999999994
  assert.equal(toMinorUnits('1200', 'JPY'), 1200)
  assert.equal(toMinorUnits('1.234', 'BHD'), 1234)
  assert.equal(currencyDigits('JPY'), 0)
})

test('what is not an amount is refused with a reason', () => {
  for (const input of ['', 'abc', '1.2.3', '-5', '1e3', '1 000', '.5']) {
    assert.ok(toMinorUnits(input, 'EUR') instanceof Error, input)
  }
  assert.match(String(toMinorUnits('1.005', 'EUR')), /At most 2 decimals for EUR/)
  assert.match(String(toMinorUnits('1.5', 'JPY')), /JPY has no minor units/)
  assert.match(String(toMinorUnits('0.00', 'EUR')), /above zero/)
  assert.match(String(toMinorUnits('99999999999999999999', 'EUR')), /too large/)
})

test('every amount round-trips through its decimal form', () => {
  for (const minor of [1, 7, 10, 99, 100, 1250, 123456789]) {
    assert.equal(toMinorUnits(toDecimal(minor, 'EUR'), 'EUR'), minor)
    assert.equal(toMinorUnits(toDecimal(minor, 'JPY'), 'JPY'), minor)
  }
})
