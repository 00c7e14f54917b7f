import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { AddressBody } from '../../../src/modules/addresses/schemas.ts'
import { addressFields, openAddress, sealAddress } from '../../../src/modules/addresses/sealing.ts'

// A reversible stand-in for the cipher that shows which column each value was sealed for.
const seal = (column: string, value: string) => `sealed(${column}):${value}`
const open = (column: string, value: string) => {
  const prefix = `sealed(${column}):`
  assert.ok(value.startsWith(prefix), `${value} was sealed for ${column}`)
  return value.slice(prefix.length)
}

const base = { name: 'Ada Lovelace', line1: '12 Ockham Lane', city: 'London', postcode: 'W1 1AA', country: 'GB' }

test('an address opens to the fields it was sealed from, with one rule for what is kept null', () => {
  const cases: [AddressBody, { line2: string | null; phone: string | null }][] = [
    [
      { ...base, line2: 'Flat 3', phone: '+44 20 1234567' },
      { line2: 'Flat 3', phone: '+44 20 1234567' },
    ],
    [{ ...base, line2: '   ', phone: '' } as AddressBody, { line2: null, phone: null }],
    [
      { ...base, line2: null, phone: null },
      { line2: null, phone: null },
    ],
    [base, { line2: null, phone: null }],
  ]
  for (const [address, kept] of cases) {
    const fields = { name: base.name, line1: base.line1, city: base.city, postcode: base.postcode, ...kept }
    assert.deepEqual(addressFields(address), fields)
    for (const prefix of ['', 'ship_']) {
      const sealed = sealAddress(prefix, address, seal)
      assert.deepEqual(
        Object.keys(sealed).sort(),
        ['city', 'line1', 'line2', 'name', 'phone', 'postcode'].map((f) => `${prefix}${f}_enc`),
      )
      for (const field of ['line2', 'phone'] as const) {
        assert.equal((sealed as Record<string, string | null>)[`${prefix}${field}_enc`] === null, kept[field] === null)
      }
      assert.deepEqual(openAddress(prefix, sealed, open), fields)
    }
  }
})
