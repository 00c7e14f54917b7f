/**
 * The search-quality catalog and query table (issue 4, issue 14), shared by search-quality.test.ts
 * (through HTTP) and search-index.test.ts (the node's text index against the SQL path).
 */
import type { App } from '../../../src/platform/http/types.ts'
import { makeCategory, makeProduct, staffHeaders } from './fixtures.ts'

export interface Entry {
  handle: string
  title: string
  description: string
  sku: string
  tags?: string[]
  price: number
  options?: Record<string, string>
  category?: string
}
export const CATALOG: Entry[] = [
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
export const QUERIES: [string, string, string][] = [
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

/** Creates the catalog (categories clothing, lighting > pendants); returns staff headers and the category ids. */
export async function seedQualityCatalog(app: App) {
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
  return { staff, clothing, lighting, pendants }
}
