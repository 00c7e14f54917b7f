/**
 * Search quality (issue 4, item 5): a fixed catalog and a table of queries with the product that must
 * rank first. Runs unchanged on SQLite (FTS5) and PostgreSQL (tsvector), through HTTP.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../helpers.ts'
import { makeCategory, makeProduct, staffHeaders } from './fixtures.ts'

interface Entry {
  handle: string
  title: string
  description: string
  sku: string
  tags?: string[]
  price: number
  options?: Record<string, string>
  category?: string
}
const CATALOG: Entry[] = [
  { handle: 'linen-shirt', title: 'Linen Shirt', description: 'A breathable summer shirt woven from European flax.', sku: 'LIN-SHIRT-01', tags: ['summer'], price: 5900 },
  { handle: 'oxford-shirt', title: 'Oxford Shirt', description: 'Button-down cotton shirt for the office.', sku: 'OXF-100', price: 4900 },
  { handle: 'denim-jacket', title: 'Denim Jacket', description: 'Classic trucker jacket in rigid indigo denim.', sku: 'DNM-JKT-7', price: 8900 },
  { handle: 'leather-jacket', title: 'Leather Jacket', description: 'Biker jacket in soft lambskin leather.', sku: 'LTH-220', price: 29900 },
  { handle: 'rain-jacket', title: 'Waterproof Rain Jacket', description: 'Packable shell with taped seams; keeps you dry.', sku: 'RN-55', tags: ['waterproof'], price: 12900 },
  { handle: 'wool-sweater', title: 'Merino Wool Sweater', description: 'Fine merino knit, warm without bulk.', sku: 'MER-SW-3', price: 9900 },
  { handle: 'cashmere-cardigan', title: 'Cashmere Cardigan', description: 'Soft cashmere cardigan with horn buttons.', sku: 'CSH-CRD-1', price: 19900 },
  { handle: 'running-shoes', title: 'Trail Running Shoes', description: 'Grippy outsole for muddy trails.', sku: 'TRL-RUN-42', price: 11900 },
  { handle: 'chelsea-boots', title: 'Chelsea Boots', description: 'Suede chelsea boots with elastic sides.', sku: 'CHB-9', price: 15900 },
  { handle: 'coffee-mug', title: 'Stoneware Coffee Mug', description: 'Hand-glazed mug for your morning coffee.', sku: 'MUG-STN-1', price: 1800 },
  { handle: 'teapot', title: 'Cast Iron Teapot', description: 'Japanese tetsubin that keeps tea hot.', sku: 'TPT-2', price: 4500 },
  { handle: 'backpack', title: 'Canvas Backpack', description: 'Waxed canvas rucksack with a laptop sleeve.', sku: 'BPK-CNV-20', price: 8900 },
  { handle: 'sleeping-bag', title: 'Down Sleeping Bag', description: 'Three-season mummy bag rated to minus five.', sku: 'SLP-3S', price: 24900 },
  { handle: 'headlamp', title: 'LED Headlamp', description: 'Rechargeable light for camping and running at night.', sku: 'LED-HL-300', price: 3900 },
  { handle: 'desk-lamp', title: 'Brass Desk Lamp', description: 'Adjustable brass lamp with a warm bulb.', sku: 'DSK-LMP-5', price: 13900 },
  { handle: 'chronograph', title: 'Steel Chronograph Watch', description: 'Sapphire crystal chronograph with a leather strap.', sku: 'WTC-CHR-9', price: 39900 },
  { handle: 'bamboo-board', title: 'Bamboo Chopping Board', description: 'Knife-friendly bamboo board for the kitchen.', sku: 'BMB-BRD-4', price: 2900 },
  { handle: 'shirt-dress', title: 'Cotton Shirt Dress', description: 'Relaxed dress with a collar, for summer.', sku: 'SHD-8', tags: ['summer'], price: 7900 },
  { handle: 'cafe-creme', title: 'Café Crème Espresso Cups', description: 'Two porcelain cups for espresso.', sku: 'CUP-ESP-2', price: 2400 },
  // Issue 14: category names, option values, exact titles, fields on PostgreSQL, real-word typos.
  { handle: 'glass-globe', title: 'Glass Globe', description: 'Hand-blown, on a brass rod.', sku: 'GLB-1', price: 8900, category: 'pendants' },
  { handle: 'fleece-hoodie', title: 'Fleece Hoodie', description: 'Zip-up hoodie in recycled fleece.', sku: 'FLC-HD-2', price: 4900, options: { colour: 'Grey' } },
  { handle: 'desk-lamp-plain', title: 'Desk Lamp', description: 'A lamp.', sku: 'DL-1', price: 2900 },
  { handle: 'studio-desk-lamp', title: 'Studio Desk Lamp 0421', description: 'Desk lamp for the studio: a desk lamp that clamps to any desk.', sku: 'SDL-0421', price: 6900 },
  { handle: 'oak-side-table', title: 'Oak Side Table', description: 'Solid oak.', sku: 'OST-1', price: 12900 },
  { handle: 'oak-oak-side-table', title: 'Oak Oak Side Table', description: 'Oak on oak: an oak side table with an oak shelf.', sku: 'OOST-1', price: 13900 },
  { handle: 'picnic-rug', title: 'Picnic Rug', description: 'Folds small; a wool blanket backed against damp grass.', sku: 'PCR-1', price: 3900 },
  { handle: 'throw', title: 'Cosy Throw', description: 'Blanket knit from soft yarn, for the sofa.', sku: 'THR-1', tags: ['picnic'], price: 3900 },
  { handle: 'toy-boats', title: 'Toy Sail Boats', description: 'Three wooden sail boats for the bath.', sku: 'TSB-3', price: 1900 },
] // biome-ignore format: a table

/** [kind, query, handle that must rank first] */
const QUERIES: [string, string, string][] = [
  ['exact', 'linen shirt', 'linen-shirt'],
  ['exact', 'teapot', 'teapot'],
  ['exact', 'Chelsea Boots', 'chelsea-boots'],
  ['exact', 'espresso', 'cafe-creme'],
  ['exact, diacritics folded', 'cafe creme', 'cafe-creme'],
  ['prefix', 'cashm', 'cashmere-cardigan'],
  ['prefix', 'chrono', 'chronograph'],
  ['prefix', 'backp', 'backpack'],
  ['prefix, as you type', 'leather jac', 'leather-jacket'],
  ['prefix, as you type', 'sleeping b', 'sleeping-bag'],
  ['misspelt (deletion)', 'lether jacket', 'leather-jacket'],
  ['misspelt (transposition)', 'chronogarph', 'chronograph'],
  ['misspelt (substitution)', 'cashmare cardigan', 'cashmere-cardigan'],
  ['misspelt (insertion)', 'sweatter', 'wool-sweater'],
  ['misspelt while typing', 'stonwar', 'coffee-mug'],
  ['misspelt + exact', 'stonware mug', 'coffee-mug'],
  ['misspelt while typing', 'waterprof', 'rain-jacket'],
  ['multi-word', 'merino sweater', 'wool-sweater'],
  ['multi-word across fields', 'canvas laptop', 'backpack'],
  ['multi-word, both in title', 'shirt dress', 'shirt-dress'],
  ['multi-word, title beats description', 'brass lamp', 'desk-lamp'],
  ['SKU', 'DNM-JKT-7', 'denim-jacket'],
  ['SKU', 'TRL-RUN-42', 'running-shoes'],
  ['SKU, lower case', 'mug-stn-1', 'coffee-mug'],
  ['SKU prefix', 'BPK-CNV', 'backpack'],
  ['tag', 'waterproof', 'rain-jacket'],
  ['category name', 'pendants', 'glass-globe'],
  ['ancestor category name', 'lighting', 'glass-globe'],
  ['category name + title word', 'lighting globe', 'glass-globe'],
  ['option value only on a variant', 'grey', 'fleece-hoodie'],
  ['option value + title word', 'grey hoodie', 'fleece-hoodie'],
  ['exact title before longer titles', 'desk lamp', 'desk-lamp-plain'],
  ['exact title before longer titles', 'Desk Lamp.', 'desk-lamp-plain'],
  ['exact title before a repeated word', 'oak side table', 'oak-side-table'],
  ['two words: title + description beat tag + description', 'picnic blanket', 'picnic-rug'],
  ['a real word that is a typo of another', 'chelsea boats', 'chelsea-boots'],
  ['a real word that is a typo of another, finished', 'chelsea boats.', 'chelsea-boots'],
  ['the real word itself still first', 'boats', 'toy-boats'],
]

test('search quality: the expected product ranks first', async (t) => {
  const app = await testApp(t)
  const staff = await staffHeaders(app)
  const clothing = await makeCategory(app, staff, 'clothing')
  const lighting = await makeCategory(app, staff, 'lighting')
  const pendants = await makeCategory(app, staff, 'pendants', lighting.id)
  const categories: Record<string, string> = { pendants: pendants.id }
  for (const p of CATALOG) {
    await makeProduct(app, staff, {
      handle: p.handle,
      title: p.title,
      description: p.description,
      tags: p.tags,
      categoryIds: p.category
        ? [categories[p.category]]
        : /shirt|jacket|sweater|cardigan|dress/.test(p.handle)
          ? [clothing.id]
          : [],
      variants: [
        {
          sku: p.sku,
          prices: [{ currency: 'EUR', amount: p.price }],
          options: p.options ?? { colour: p.price > 10000 ? 'black' : 'white' },
        },
      ],
    })
  }
  const search = async (q: string, extra = '') =>
    (await app.inject({ url: `/store/search?q=${encodeURIComponent(q)}${extra}` })).json()

  for (const [kind, q, expected] of QUERIES) {
    await t.test(`${kind}: "${q}" → ${expected}`, async () => {
      const result = await search(q)
      assert.equal(
        result.items[0]?.handle,
        expected,
        JSON.stringify(result.items.map((i: { handle: string }) => i.handle)),
      )
    })
  }

  await t.test('no typo tolerance under five letters, and nonsense finds nothing', async () => {
    assert.equal((await search('shrt ')).total, 0)
    assert.equal((await search('xyzzyq')).total, 0)
  })

  await t.test('highlights mark matched words, escaped', async () => {
    const item = (await search('lether jac')).items[0]
    assert.equal(item.highlights.title, '<mark>Leather</mark> <mark>Jacket</mark>')
    assert.match(item.highlights.description, /<mark>jacket<\/mark>/)
  })

  await t.test('facets count the filtered result', async () => {
    const all = await search('jacket')
    assert.equal(all.total, 3)
    assert.deepEqual(
      all.facets.categories.map((c: { handle: string; count: number }) => [c.handle, c.count]),
      [['clothing', 3]],
    )
    assert.deepEqual(
      all.facets.prices.map((b: { min: number; max: number | null; count: number }) => [b.min, b.max, b.count]),
      [
        [5000, 10000, 1],
        [10000, 25000, 1],
        [25000, 50000, 1],
      ],
    )
    assert.deepEqual(all.facets.options, [
      { name: 'colour', value: 'black', count: 2 },
      { name: 'colour', value: 'white', count: 1 },
    ])
    const cheap = await search('jacket', '&maxPrice=20000&option=colour:black')
    assert.equal(cheap.total, 1)
    assert.equal(cheap.items[0].handle, 'rain-jacket')
    assert.deepEqual(
      cheap.facets.prices.map((b: { count: number }) => b.count),
      [1],
    )
  })

  await t.test('category (with descendants), tag and option filters narrow a search', async () => {
    const handles = async (extra: string) =>
      (await search('shirt', extra)).items.map((i: { handle: string }) => i.handle).sort()
    assert.deepEqual(await handles('&category=clothing'), ['linen-shirt', 'oxford-shirt', 'shirt-dress'])
    assert.deepEqual(await handles('&tag=summer'), ['linen-shirt', 'shirt-dress'])
    assert.deepEqual(await handles('&tag=summer&option=colour:white'), ['linen-shirt', 'shirt-dress'])
    assert.deepEqual(await handles('&option=colour:black&option=colour:white&category=clothing&tag=summer'), [
      'linen-shirt',
      'shirt-dress',
    ])
    assert.deepEqual(await handles('&option=colour:black'), [])
    assert.deepEqual(await handles('&category=nowhere'), [])
  })

  await t.test('relevance pages with a cursor; other sorts apply to search too', async () => {
    const first = await search('shirt', '&limit=2')
    assert.equal(first.items.length, 2)
    const second = (await app.inject({ url: `/store/search?q=shirt&limit=2&cursor=${first.nextCursor}` })).json()
    const handles = [...first.items, ...second.items].map((i: { handle: string }) => i.handle)
    assert.deepEqual([...handles].sort(), ['linen-shirt', 'oxford-shirt', 'shirt-dress'])
    const byPrice = await search('shirt', '&sort=price')
    assert.deepEqual(
      byPrice.items.map((i: { handle: string }) => i.handle),
      ['oxford-shirt', 'linen-shirt', 'shirt-dress'],
    )
  })

  await t.test('renaming or moving a category re-indexes its products (subcategories too)', async () => {
    const patch = (id: string, payload: object) =>
      app.inject({ method: 'PATCH', url: `/admin/categories/${id}`, headers: staff, payload })
    assert.equal((await patch(pendants.id, { name: 'Ceiling Lights' })).statusCode, 200)
    assert.equal((await search('ceiling')).items[0]?.handle, 'glass-globe')
    assert.equal((await search('pendants')).total, 0)
    assert.equal((await patch(lighting.id, { name: 'Illumination' })).statusCode, 200)
    assert.equal((await search('illumination')).items[0]?.handle, 'glass-globe', 'an ancestor renamed')
    assert.equal((await search('lighting')).total, 0)
    const home = await makeCategory(app, staff, 'homeware')
    assert.equal((await patch(lighting.id, { parentId: home.id })).statusCode, 200)
    assert.equal((await search('homeware')).items[0]?.handle, 'glass-globe', 'a new ancestor after a move')
  })

  await t.test('exactness ranks the whole page, not only the first place', async () => {
    const handles = (await search('desk lamp')).items.map((i: { handle: string }) => i.handle)
    assert.deepEqual(handles, ['desk-lamp-plain', 'desk-lamp', 'studio-desk-lamp'])
  })

  await t.test('the index follows writes in the same transaction', async () => {
    const id = (await app.inject({ url: '/store/products/teapot' })).json().id
    await app.inject({
      method: 'PATCH',
      url: `/admin/products/${id}`,
      headers: staff,
      payload: { title: 'Cast Iron Kettle' },
    })
    assert.equal((await search('kettle')).items[0]?.handle, 'teapot')
    assert.equal((await search('teapot')).total, 0)
    await app.inject({ method: 'DELETE', url: `/admin/products/${id}`, headers: staff })
    assert.equal((await search('kettle')).total, 0)
  })
})
