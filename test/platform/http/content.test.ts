import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Type } from 'typebox'
import { limits } from '../../../src/platform/security/rate-limits.ts'
import { testApp } from '../../helpers.ts'

const Thing = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    price: Type.Integer(),
    ratio: Type.Number(),
    active: Type.Boolean(),
    note: Type.Union([Type.String(), Type.Null()]),
    tags: Type.Array(Type.String()),
    sizes: Type.Array(Type.Integer()),
    dimensions: Type.Object({ width: Type.Integer(), depth: Type.Integer() }),
    variants: Type.Array(Type.Object({ sku: Type.String(), stock: Type.Integer(), onSale: Type.Boolean() })),
    attributes: Type.Record(Type.String(), Type.String()),
  },
  { additionalProperties: false, xml: { name: 'thing' } },
)

const sample = {
  name: 'Café <Crème> & "Co"',
  price: 1999,
  ratio: 0.25,
  active: true,
  note: null,
  tags: ['a', 'b & c'],
  sizes: [36],
  dimensions: { width: 10, depth: -3 },
  variants: [
    { sku: 'S-1', stock: 0, onSale: false },
    { sku: 'S-2', stock: 5, onSale: true },
  ],
  attributes: { colour: 'red', 'fit-type': 'slim', '2nd': 'odd key' },
}

async function appWithEcho(t: Parameters<typeof testApp>[0]) {
  const app = await testApp(t, { bodyLimit: 4096 })
  let writes = 0
  app.post(
    '/test/things',
    {
      schema: { body: Thing, response: { 200: Thing } },
      config: { auth: 'public', rateLimit: limits.write },
    },
    async (req) => {
      writes++
      return req.body
    },
  )
  app.get(
    '/test/thing',
    {
      schema: { response: { 200: Thing } },
      config: { auth: 'public', rateLimit: limits.read },
    },
    async () => ({ ...sample, internalSecret: 'must not leak' }),
  )
  return { app, writes: () => writes }
}

test('content negotiation and body formats', async (t) => {
  const { app, writes } = await appWithEcho(t)

  await t.test('JSON by default, and the response schema strips unlisted fields', async () => {
    const res = await app.inject({ url: '/test/thing' })
    assert.equal(res.statusCode, 200)
    assert.match(String(res.headers['content-type']), /^application\/json/)
    assert.deepEqual(res.json(), sample)
    assert.doesNotMatch(res.body, /internalSecret/)
  })

  await t.test('XML when Accept prefers it, carrying the same data as JSON', async () => {
    const res = await app.inject({ url: '/test/thing', headers: { accept: 'application/xml' } })
    assert.equal(res.statusCode, 200)
    assert.match(String(res.headers['content-type']), /^application\/xml/)
    assert.match(res.body, /^<\?xml version="1.0" encoding="UTF-8"\?><thing>/)
    assert.doesNotMatch(res.body, /internalSecret/)
    // Read the XML back through the same schema-driven parser a client would mirror: identical data.
    const back = await app.inject({
      method: 'POST',
      url: '/test/things',
      headers: { 'content-type': 'application/xml' },
      payload: res.body,
    })
    assert.equal(back.statusCode, 200, back.body)
    assert.deepEqual(back.json(), sample)
  })

  await t.test('q-values decide; text/xml counts as XML; */* gives JSON', async () => {
    const xml = await app.inject({ url: '/test/thing', headers: { accept: 'application/json;q=0.5, application/xml' } })
    assert.match(String(xml.headers['content-type']), /^application\/xml/)
    const textXml = await app.inject({ url: '/test/thing', headers: { accept: 'text/xml' } })
    assert.match(String(textXml.headers['content-type']), /^application\/xml/)
    const any = await app.inject({ url: '/test/thing', headers: { accept: 'text/html, */*;q=0.1' } })
    assert.match(String(any.headers['content-type']), /^application\/json/)
  })

  await t.test('an unsupported Accept is 406, as a problem document', async () => {
    const res = await app.inject({ url: '/test/thing', headers: { accept: 'image/png' } })
    assert.equal(res.statusCode, 406)
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
    assert.equal(res.json().type, '/problems/not-acceptable')
  })

  await t.test('a JSON body round-trips, and so does the same body sent as XML', async () => {
    const json = await app.inject({ method: 'POST', url: '/test/things', payload: sample })
    assert.equal(json.statusCode, 200)
    assert.deepEqual(json.json(), sample)
    const asXml = await app.inject({
      method: 'POST',
      url: '/test/things',
      headers: { 'content-type': 'application/xml', accept: 'application/xml' },
      payload: `<?xml version="1.0"?>
        <thing>
          <name>Café &lt;Crème&gt; &amp; "Co"</name><price>1999</price><ratio>0.25</ratio><active>true</active>
          <note nil="true"/>
          <tags><i>a</i><i>b &amp; c</i></tags><sizes><i>36</i></sizes>
          <dimensions><width>10</width><depth>-3</depth></dimensions>
          <variants><i><sku>S-1</sku><stock>0</stock><onSale>false</onSale></i><i><sku>S-2</sku><stock>5</stock><onSale>true</onSale></i></variants>
          <attributes><colour>red</colour><fit-type>slim</fit-type><entry name="2nd">odd key</entry></attributes>
        </thing>`,
    })
    assert.equal(asXml.statusCode, 200, asXml.body)
    const again = await app.inject({
      method: 'POST',
      url: '/test/things',
      headers: { 'content-type': 'application/xml' },
      payload: asXml.body,
    })
    assert.deepEqual(again.json(), sample)
  })

  await t.test('empty lists survive XML', async () => {
    const body = { ...sample, tags: [], variants: [] }
    const xml = await app.inject({
      method: 'POST',
      url: '/test/things',
      headers: { accept: 'application/xml' },
      payload: body,
    })
    const back = await app.inject({
      method: 'POST',
      url: '/test/things',
      headers: { 'content-type': 'application/xml' },
      payload: xml.body,
    })
    assert.deepEqual(back.json(), body)
  })

  const before = writes()
  const bad = async (headers: Record<string, string>, payload: string | object) =>
    app.inject({ method: 'POST', url: '/test/things', headers, payload })

  await t.test('an unsupported body type is 415', async () => {
    const res = await bad({ 'content-type': 'text/plain' }, 'hello')
    assert.equal(res.statusCode, 415)
    assert.equal(res.json().type, '/problems/unsupported-media-type')
  })

  await t.test('malformed JSON is 400 naming the problem', async () => {
    const res = await bad({ 'content-type': 'application/json' }, '{"name": "x",')
    assert.equal(res.statusCode, 400)
    assert.equal(res.json().code, 'malformed-body')
    assert.match(res.json().detail, /JSON/)
  })

  await t.test('malformed XML is 400 with line and column', async () => {
    const res = await bad({ 'content-type': 'application/xml' }, '<thing><name>x</nam></thing>')
    assert.equal(res.statusCode, 400)
    assert.equal(res.json().code, 'malformed-body')
    assert.match(res.json().detail, /line 1/)
  })

  await t.test('an oversized body is 413', async () => {
    const res = await bad(
      { 'content-type': 'application/json' },
      JSON.stringify({ ...sample, name: 'x'.repeat(10_000) }),
    )
    assert.equal(res.statusCode, 413)
    assert.equal(res.json().code, 'payload-too-large')
  })

  await t.test('schema failures are 400 and list every failing field, in JSON and in XML', async () => {
    const { price: _price, ...withoutPrice } = sample
    const res = await bad({}, { ...withoutPrice, active: 'yes', extra: 1 })
    assert.equal(res.statusCode, 400)
    const problem = res.json()
    assert.equal(problem.code, 'validation-failed')
    const pointers = problem.errors.map((e: { pointer: string }) => e.pointer).sort()
    assert.deepEqual(pointers, ['/active', '/extra', '/price'])
    const xml = await bad(
      { accept: 'application/xml', 'content-type': 'application/xml' },
      '<thing><name></name></thing>',
    )
    assert.equal(xml.statusCode, 400)
    assert.match(String(xml.headers['content-type']), /^application\/problem\+xml/)
    assert.match(xml.body, /<problem xmlns="urn:ietf:rfc:7807">/)
    assert.match(xml.body, /<errors><i><in>body<\/in>/)
  })

  await t.test('JSON bodies are not coerced: "5" is not an integer', async () => {
    const res = await bad({}, { ...sample, price: '1999' })
    assert.equal(res.statusCode, 400)
  })

  await t.test('XXE: an external entity is refused and nothing is read from disk', async () => {
    const res = await bad(
      { 'content-type': 'application/xml' },
      '<?xml version="1.0"?><!DOCTYPE thing [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><thing><name>&xxe;</name></thing>',
    )
    assert.equal(res.statusCode, 400)
    assert.equal(res.json().code, 'xml-dtd-forbidden')
    assert.doesNotMatch(res.body, /root:/)
  })

  await t.test('billion laughs: entity expansion is refused', async () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
      ']><thing><name>&lol9;</name></thing>',
    ].join('')
    const res = await bad({ 'content-type': 'application/xml' }, lol)
    assert.equal(res.statusCode, 400)
    assert.equal(res.json().code, 'xml-dtd-forbidden')
  })

  await t.test('no bad request reached the handler', () => assert.equal(writes(), before))
})
