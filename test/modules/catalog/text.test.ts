import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { ancestry, publishedAtFor, variantTitle } from '../../../src/modules/catalog/documents.ts'
import { decodeCursor, encodeCursor } from '../../../src/modules/catalog/search/engine.ts'
import {
  highlight,
  normalize,
  parseQuery,
  toFts5,
  toTsquery,
  withinOneEdit,
} from '../../../src/modules/catalog/search/text.ts'

/** Reference: optimal string alignment distance (Damerau with adjacent swaps), by dynamic programming. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }
  return d[a.length][b.length]
}

test('withinOneEdit agrees with the edit distance', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 7 })
  fc.assert(
    fc.property(word, word, (a, b) => withinOneEdit(a, b) === osa(a, b) <= 1),
    { numRuns: 3000 },
  )
  assert.ok(withinOneEdit('jacket', 'jakcet'))
  assert.ok(!withinOneEdit('jacket', 'jcakte'))
})

test('a one-edit neighbour of a word of five letters keeps its first two or last two characters', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), minLength: 5, maxLength: 9 })
  fc.assert(
    fc.property(
      word,
      word,
      (a, b) => !withinOneEdit(a, b) || a.slice(0, 2) === b.slice(0, 2) || a.slice(-2) === b.slice(-2),
    ),
    { numRuns: 3000 },
  )
})

test('normalize folds case and diacritics and splits on punctuation', () => {
  assert.equal(normalize('Café CRÈME, 2-pack / TSH-001'), 'cafe creme 2 pack tsh 001')
  assert.deepEqual(parseQuery('Linen sh'), [
    { text: 'linen', prefix: false },
    { text: 'sh', prefix: true },
  ])
  assert.deepEqual(parseQuery('linen '), [{ text: 'linen', prefix: false }])
})

test('query syntax for both engines', () => {
  const terms = [
    { words: ['lether', 'leather'], prefix: false },
    { words: ['jac'], prefix: true },
  ]
  assert.equal(toFts5(terms), '("lether" OR "leather") AND "jac"*')
  assert.equal(toTsquery(terms), '(lether | leather) & jac:*')
})

test('highlight escapes HTML and marks whole and prefix matches', () => {
  const terms = [
    { words: ['shirt'], prefix: false },
    { words: ['lin'], prefix: true },
  ]
  assert.equal(highlight('Linen <b>Shirt</b>', terms), '<mark>Linen</mark> &lt;b&gt;<mark>Shirt</mark>&lt;/b&gt;')
  const long = `${'word '.repeat(100)}shirt ${'tail '.repeat(100)}`
  const snippet = highlight(long, terms, 80)
  assert.ok(snippet.startsWith('…') && snippet.endsWith('…'))
  assert.match(snippet, /<mark>shirt<\/mark>/)
})

test('cursors round-trip and refuse another order', () => {
  const cursor = encodeCursor('price', [1200, 'prod_x'])
  assert.deepEqual(decodeCursor(cursor, 'price'), [1200, 'prod_x'])
  assert.throws(() => decodeCursor(cursor, 'name'), { code: 'invalid-cursor' })
  assert.throws(() => decodeCursor('%%%', 'name'), { code: 'invalid-cursor' })
})

test('small rules', () => {
  assert.equal(variantTitle('Tee', { size: 'M', colour: 'Blue' }), 'Tee / M / Blue')
  assert.equal(variantTitle('Tee', {}), 'Tee')
  assert.deepEqual(ancestry('/cat_a/cat_b/'), ['cat_a', 'cat_b'])
  assert.equal(publishedAtFor('draft', null, 5), null)
  assert.equal(publishedAtFor('published', null, 5), 5)
  assert.equal(publishedAtFor('published', 3, 5), 3)
  assert.equal(publishedAtFor('archived', 3, 5), 3)
})
