import assert from 'node:assert/strict'
import { test } from 'node:test'
import { randomToken } from '../../src/platform/security/random.ts'

test('randomToken hands out fresh bytes, across refills of its pool', () => {
  // 300 tokens of 32 bytes need the 4 KB pool refilled twice: no byte may be handed out twice.
  const tokens = Array.from({ length: 300 }, () => randomToken(32))
  assert.equal(new Set(tokens).size, tokens.length)
  for (const token of tokens) {
    assert.match(token, /^[A-Za-z0-9_-]{43}$/)
    assert.equal(Buffer.from(token, 'base64url').length, 32)
  }
  // Odd sizes that do not divide the pool still come whole.
  const odd = Array.from({ length: 400 }, () => randomToken(13))
  assert.equal(new Set(odd).size, odd.length)
  for (const token of odd) assert.equal(Buffer.from(token, 'base64url').length, 13)
  assert.throws(() => randomToken(5000), /at most 4096/)
})
