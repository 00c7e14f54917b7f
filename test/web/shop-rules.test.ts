/** The storefront's pure rules (no browser): parsing search highlights, choosing a variant by options. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseHighlight } from '../../web/shop/src/lib/highlight.ts'
import { findVariant, optionAxes, pick } from '../../web/shop/src/lib/variants.ts'

test('parseHighlight turns the API’s escaped text with <mark> into segments, never HTML', () => {
  assert.deepEqual(parseHighlight('A <mark>linen</mark> shirt'), [
    { text: 'A ', mark: false },
    { text: 'linen', mark: true },
    { text: ' shirt', mark: false },
  ])
  // Escaped markup stays text (it is shown, not interpreted), entities are decoded once.
  assert.deepEqual(parseHighlight('&lt;img src=x onerror=alert(1)&gt; &amp;amp; <mark>R&amp;D</mark>'), [
    { text: '<img src=x onerror=alert(1)> &amp; ', mark: false },
    { text: 'R&D', mark: true },
  ])
  assert.deepEqual(parseHighlight('<mark>a</mark><mark>b</mark>'), [
    { text: 'a', mark: true },
    { text: 'b', mark: true },
  ])
  assert.deepEqual(parseHighlight(''), [])
})

test('variants are chosen by their options; a choice always names a variant', () => {
  const variants = [
    { id: 's-white', options: { size: 'S', colour: 'white' } },
    { id: 'm-white', options: { size: 'M', colour: 'white' } },
    { id: 'm-blue', options: { size: 'M', colour: 'blue' } },
  ]
  assert.deepEqual(optionAxes(variants), [
    { name: 'size', values: ['S', 'M'] },
    { name: 'colour', values: ['white', 'blue'] },
  ])
  assert.equal(findVariant(variants, { size: 'M', colour: 'blue' })?.id, 'm-blue')
  assert.equal(findVariant(variants, { size: 'S', colour: 'blue' }), undefined)
  // Blue exists only in M: picking it moves the size.
  assert.deepEqual(pick(variants, { size: 'S', colour: 'white' }, 'colour', 'blue'), { size: 'M', colour: 'blue' })
  assert.deepEqual(pick(variants, { size: 'M', colour: 'blue' }, 'size', 'M'), { size: 'M', colour: 'blue' })
  assert.deepEqual(optionAxes([{ id: 'one', options: {} }]), [])
})
