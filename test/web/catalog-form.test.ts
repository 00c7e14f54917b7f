/** The dashboard's product form rules (pure): decimal prices ↔ exact minor units, form ↔ API body. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { amountText, parseAmount } from '../../web/dashboard/src/sections/catalog/money.ts'
import {
  bodyOf,
  emptyProduct,
  formFieldOf,
  type ProductFormValues,
  suggestHandle,
} from '../../web/dashboard/src/sections/catalog/product-form.ts'

test('parseAmount turns typed decimals into exact minor units', () => {
  assert.deepEqual(parseAmount('12.50', 'EUR'), { ok: true, minor: 1250 })
  assert.deepEqual(parseAmount('12.5', 'EUR'), { ok: true, minor: 1250 })
  assert.deepEqual(parseAmount(' 0.10 ', 'EUR'), { ok: true, minor: 10 })
  assert.deepEqual(parseAmount('12,99', 'EUR'), { ok: true, minor: 1299 })
  assert.deepEqual(parseAmount('20', 'EUR'), { ok: true, minor: 2000 })
  assert.deepEqual(parseAmount('1500', 'JPY'), { ok: true, minor: 1500 })
  assert.deepEqual(parseAmount('1.234', 'KWD'), { ok: true, minor: 1234 })
  // 0.29 * 100 is 28.999999999999996 in floating point; the string way is exact.
  assert.deepEqual(parseAmount('0.29', 'EUR'), { ok: true, minor: 29 })
  assert.deepEqual(parseAmount('1.15', 'EUR'), { ok: true, minor: 115 })
  for (const bad of ['', 'abc', '-1', '1.2.3', '1e3', '12.505']) assert.equal(parseAmount(bad, 'EUR').ok, false, bad)
  assert.equal(parseAmount('1.5', 'JPY').ok, false)
  assert.equal(parseAmount('10000000000.01', 'EUR').ok, false) // over the API's 1e12 minor units
})

test('every amount in cents round-trips through the form text', () => {
  for (let minor = 0; minor < 100_000; minor += 7) {
    const text = amountText(minor, 'EUR')
    assert.deepEqual(parseAmount(text, 'EUR'), { ok: true, minor }, text)
  }
  assert.equal(amountText(5, 'EUR'), '0.05')
  assert.equal(amountText(1500, 'JPY'), '1500')
})

test('bodyOf builds the API body or names the fields in error', () => {
  const values: ProductFormValues = {
    ...emptyProduct,
    title: 'Linen Shirt',
    handle: 'linen-shirt',
    tags: 'summer, linen',
    images: 'https://img.example/a.jpg | Front\nhttps://img.example/b.jpg',
    attributes: '{"material": "linen"}',
    variants: [
      {
        sku: 'LIN-S',
        options: 'size=S; colour=blue',
        stock: '3',
        weightGrams: '200',
        prices: [{ currency: 'eur', amount: '12.50', compareAt: '15' }],
      },
    ],
  }
  const result = bodyOf(values)
  assert.ok('body' in result)
  assert.deepEqual(result.body.variants, [
    {
      sku: 'LIN-S',
      options: { size: 'S', colour: 'blue' },
      prices: [{ currency: 'EUR', amount: 1250, compareAt: 1500 }],
      stock: 3,
      weightGrams: 200,
    },
  ])
  assert.deepEqual(result.body.tags, ['summer', 'linen'])
  assert.deepEqual(result.body.images, [
    { url: 'https://img.example/a.jpg', alt: 'Front' },
    { url: 'https://img.example/b.jpg', alt: '' },
  ])
  const wrong = bodyOf({
    ...values,
    attributes: '[1]',
    variants: [
      {
        ...values.variants[0],
        options: 'size',
        stock: '-1',
        prices: [{ currency: 'EUR', amount: '1.999', compareAt: '' }],
      },
    ],
  })
  assert.ok('errors' in wrong)
  assert.deepEqual(Object.keys(wrong.errors).sort(), [
    'attributes',
    'variants.0.options',
    'variants.0.prices.0.amount',
    'variants.0.stock',
  ])
})

test('server pointers map to the form field that shows them', () => {
  const values: ProductFormValues = { ...emptyProduct, variants: [{ ...emptyProduct.variants[0] }] }
  assert.equal(formFieldOf('handle', values), 'handle')
  assert.equal(formFieldOf('variants.0.options.Size', values), 'variants.0.options')
  assert.equal(formFieldOf('variants.0.prices.0.currency', values), 'variants.0.prices.0.currency')
  assert.equal(formFieldOf('images.0.url', values), 'images')
  assert.equal(formFieldOf('variants.3.sku', values), 'variants')
  assert.equal(formFieldOf('nothing', values), undefined)
  assert.equal(suggestHandle('Crème Brûlée (large)!'), 'creme-brulee-large')
})
