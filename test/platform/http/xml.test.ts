import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Type } from 'typebox'
import { fromXml, toXml } from '../../../src/platform/http/xml.ts'

const Shape = Type.Object(
  {
    title: Type.String(),
    attributes: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    tags: Type.Array(Type.String()),
    note: Type.Union([Type.String(), Type.Null()]),
    nested: Type.Object({ inner: Type.Object({}) }),
  },
  { xml: { name: 'product' } },
)

test('XML round-trips what JSON carries, empty objects and lists included', () => {
  const values = [
    { title: 'Shirt', attributes: {}, tags: [], note: null, nested: { inner: {} } },
    {
      title: 'Shirt',
      attributes: { colour: 'blue', size: 42, organic: true },
      tags: ['a', 'b'],
      note: 'x',
      nested: { inner: {} },
    },
  ]
  for (const value of values) {
    const xml = toXml(value, Shape)
    assert.deepEqual(fromXml(xml, Shape), value, xml)
  }
})

test('an empty element is an empty object where the schema says object, in both spellings', () => {
  assert.deepEqual(fromXml('<p><attributes></attributes><tags/><title>t</title></p>', Shape), {
    attributes: {},
    tags: [],
    title: 't',
  })
  assert.deepEqual(fromXml('<p><attributes/></p>', Shape), { attributes: {} })
})
