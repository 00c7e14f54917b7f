/**
 * The one rule for text and numbers a client sends (issue 12), checked on the OpenAPI document so a
 * new route or field cannot forget it: every string input is bounded in length and has a pattern or
 * format that keeps control characters out (`Line`/`Text` in platform/http/schemas.ts, or a stricter
 * pattern such as Id); every integer or number input has both a minimum and a maximum that a
 * PostgreSQL bigint and a double hold exactly. The generated bad-input test (fuzz.test.ts) then shows
 * the rule holds at run time.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { findNul } from '../../../src/platform/http/input-guard.ts'
import { LINE_PATTERN, TEXT_PATTERN } from '../../../src/platform/http/schemas.ts'
import { testApp } from '../../helpers.ts'
import { leavesOf, operationsOf, type Schema } from './openapi-inputs.ts'

const BOUNDED_FORMATS = new Set(['date', 'date-time', 'email', 'uuid'])

/** Why a leaf schema breaks the rule, or undefined. */
function brokenRule(s: Schema): string | undefined {
  if (s.const !== undefined || s.enum) return undefined
  const types: string[] = Array.isArray(s.type) ? s.type : [s.type]
  if (types.includes('string')) {
    const pattern: string | undefined = s.pattern
    const boundedPattern = !!pattern && /^\^.*\$$/.test(pattern) && !/[*+]|\{\d+,\}/.test(pattern.replace(/\\./g, ''))
    if (s.maxLength === undefined && !boundedPattern && !BOUNDED_FORMATS.has(s.format))
      return 'string without maxLength'
    if (pattern === undefined && s.format === undefined) return 'string without a pattern (use Line or Text)'
  }
  if (types.includes('integer') || types.includes('number')) {
    if (typeof s.minimum !== 'number' || typeof s.maximum !== 'number') return `${types} without minimum and maximum`
    if (s.maximum > Number.MAX_SAFE_INTEGER || s.minimum < -Number.MAX_SAFE_INTEGER) return 'bound beyond 2^53'
  }
  return undefined
}

test('every string and number a client can send is bounded and keeps control characters out', async (t) => {
  const app = await testApp(t)
  const spec = (await app.inject({ url: '/openapi.json' })).json()
  const broken: string[] = []
  let checked = 0
  for (const op of operationsOf(spec)) {
    const leaves = [
      ...op.parameters.flatMap((p) => leavesOf(spec, p.schema, `${p.in}:${p.name}`)),
      ...(op.body ? leavesOf(spec, op.body, 'body:') : []),
    ]
    for (const leaf of leaves) {
      checked++
      const why = brokenRule(leaf.schema)
      if (why) broken.push(`${op.method} ${op.path} ${leaf.pointer}: ${why}`)
    }
  }
  t.diagnostic(`${checked} input fields checked`)
  assert.ok(checked > 200)
  assert.deepEqual(broken, [])
})

test('Line refuses every control character; Text allows tab and line breaks only', () => {
  const line = new RegExp(LINE_PATTERN, 'u')
  const text = new RegExp(TEXT_PATTERN, 'u')
  for (let c = 0; c <= 0x9f; c++) {
    const s = `a${String.fromCharCode(c)}b`
    const control = c < 0x20 || c >= 0x7f
    assert.equal(line.test(s), !control, `Line U+${c.toString(16)}`)
    assert.equal(text.test(s), !control || c === 0x09 || c === 0x0a || c === 0x0d, `Text U+${c.toString(16)}`)
  }
  assert.ok(line.test('Crème brûlée – 20 € ✓ 日本'))
})

test('findNul finds a NUL in any string or property name, however deep', () => {
  assert.equal(findNul({ a: ['x', { b: 'y\u0000' }] }), '/a/1/b')
  assert.equal(findNul({ 'k\u0000': 1 }), '/k\\u0000')
  assert.equal(findNul('\u0000'), '/')
  assert.equal(findNul({ a: 'fine', b: [1, null, true] }), undefined)
  // The query-string parser's null-prototype objects; `~` and `/` escaped in the pointer.
  assert.equal(findNul(Object.assign(Object.create(null), { ok: 'x', 'a/b~': ['z', 'x\u0000'] })), '/a~1b~0/1')
  assert.equal(findNul(Object.assign(Object.create(null), { ok: 'x' })), undefined)
  let deep: unknown = 'x\u0000'
  for (let i = 0; i < 100_000; i++) deep = [deep]
  assert.equal(findNul(deep)?.length, 200_000 + 0)
})
