/**
 * A realistic, deterministic demo catalog of any size: a category tree, product names, descriptions,
 * options, prices in EUR and USD, stock and weights. The same size always gives the same catalog (ids,
 * handles, SKUs and content), so benchmarks and screenshots are reproducible.
 */
import type { Db } from '../../platform/db/types.ts'
import type { ProductInput } from './schemas.ts'
import type { CatalogService, SaveEntry } from './service.ts'
import * as store from './store.ts'

interface Leaf {
  handle: string
  name: string
  code: string
  nouns: string[]
  options: 'apparel' | 'shoes' | 'colour' | 'none'
  price: [number, number]
  weight: [number, number]
}

const TREE: { handle: string; name: string; leaves: Leaf[] }[] = [
  { handle: 'clothing', name: 'Clothing', leaves: [
    { handle: 'shirts', name: 'Shirts', code: 'SHI', nouns: ['Shirt', 'Oxford Shirt', 'Polo Shirt', 'T-Shirt', 'Henley'], options: 'apparel', price: [1900, 8900], weight: [150, 350] },
    { handle: 'trousers', name: 'Trousers', code: 'TRO', nouns: ['Chinos', 'Jeans', 'Trousers', 'Joggers', 'Shorts'], options: 'apparel', price: [2900, 11900], weight: [300, 700] },
    { handle: 'jackets', name: 'Jackets', code: 'JAC', nouns: ['Jacket', 'Parka', 'Blazer', 'Raincoat', 'Gilet'], options: 'apparel', price: [5900, 29900], weight: [500, 1500] },
    { handle: 'knitwear', name: 'Knitwear', code: 'KNI', nouns: ['Sweater', 'Cardigan', 'Hoodie', 'Jumper', 'Beanie'], options: 'apparel', price: [2900, 14900], weight: [200, 600] },
  ] },
  { handle: 'footwear', name: 'Footwear', leaves: [
    { handle: 'sneakers', name: 'Sneakers', code: 'SNE', nouns: ['Sneakers', 'Trainers', 'Runners', 'Court Shoes'], options: 'shoes', price: [4900, 17900], weight: [600, 1100] },
    { handle: 'boots', name: 'Boots', code: 'BOO', nouns: ['Boots', 'Chelsea Boots', 'Hiking Boots', 'Wellingtons'], options: 'shoes', price: [6900, 24900], weight: [900, 1800] },
  ] },
  { handle: 'home', name: 'Home', leaves: [
    { handle: 'kitchen', name: 'Kitchen', code: 'KIT', nouns: ['Mug', 'Teapot', 'Chopping Board', 'Frying Pan', 'Bowl', 'Knife'], options: 'colour', price: [900, 12900], weight: [200, 2500] },
    { handle: 'bedding', name: 'Bedding', code: 'BED', nouns: ['Duvet Cover', 'Pillowcase', 'Throw', 'Blanket', 'Sheet Set'], options: 'colour', price: [1900, 15900], weight: [400, 2000] },
    { handle: 'lighting', name: 'Lighting', code: 'LIG', nouns: ['Lamp', 'Pendant Light', 'Lantern', 'Desk Lamp'], options: 'colour', price: [2900, 19900], weight: [500, 4000] },
  ] },
  { handle: 'outdoor', name: 'Outdoor', leaves: [
    { handle: 'camping', name: 'Camping', code: 'CAM', nouns: ['Tent', 'Sleeping Bag', 'Camping Stove', 'Hammock', 'Cooler'], options: 'none', price: [2900, 49900], weight: [800, 6000] },
    { handle: 'cycling', name: 'Cycling', code: 'CYC', nouns: ['Helmet', 'Bike Light', 'Saddle Bag', 'Cycling Gloves'], options: 'colour', price: [1500, 14900], weight: [100, 900] },
  ] },
  { handle: 'accessories', name: 'Accessories', leaves: [
    { handle: 'bags', name: 'Bags', code: 'BAG', nouns: ['Backpack', 'Tote Bag', 'Duffel Bag', 'Wallet', 'Messenger Bag'], options: 'colour', price: [1900, 19900], weight: [200, 1500] },
    { handle: 'watches', name: 'Watches', code: 'WAT', nouns: ['Watch', 'Dive Watch', 'Field Watch', 'Chronograph'], options: 'none', price: [9900, 59900], weight: [80, 200] },
  ] },
] // biome-ignore format: a table

const ADJECTIVES = ['Classic', 'Everyday', 'Heritage', 'Urban', 'Alpine', 'Coastal', 'Vintage', 'Modern', 'Essential',
  'Rugged', 'Lightweight', 'Premium', 'Relaxed', 'Slim', 'Nordic', 'Weekend', 'Studio', 'Harbour', 'Summit', 'Meadow',
  'Sierra', 'Atlas', 'Pioneer', 'Voyager', 'Drift', 'Ember', 'Granite', 'Willow', 'Cedar', 'Aurora'] // biome-ignore format: a list
const MATERIALS = ['Linen', 'Cotton', 'Wool', 'Merino', 'Cashmere', 'Denim', 'Leather', 'Canvas', 'Bamboo', 'Oak',
  'Ceramic', 'Stoneware', 'Steel', 'Recycled', 'Organic Cotton', 'Waxed Cotton', 'Suede', 'Nylon'] // biome-ignore format: a list
const COLOURS = [
  'Black',
  'White',
  'Navy',
  'Olive',
  'Grey',
  'Sand',
  'Rust',
  'Forest',
  'Sky',
  'Burgundy',
  'Charcoal',
  'Ochre',
]
const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL']
const SHOE_SIZES = ['38', '39', '40', '41', '42', '43', '44', '45', '46']
const TAGS = ['new', 'bestseller', 'sale', 'eco', 'gift', 'limited', 'handmade', 'vegan', 'waterproof', 'travel']
const USES = [
  'the commute',
  'long weekends',
  'city life',
  'the trail',
  'slow mornings',
  'travel',
  'the office',
  'the cabin',
]
const FEATURES = ['reinforced seams', 'a lifetime guarantee', 'responsibly sourced materials', 'a water-repellent finish',
  'a relaxed fit', 'hand-finished details', 'recycled packaging', 'easy care', 'a breathable weave', 'solid brass hardware'] // biome-ignore format: a list

/** Deterministic 32-bit PRNG (mulberry32). */
export function random(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]
  return { next, int, pick }
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

export function demoCategoryId(handle: string): string {
  return `cat_demo${handle.replace(/[^a-z0-9]/g, '')}`
}

/** The category tree, parents first. */
export function demoCategories() {
  return TREE.flatMap((root) => [
    { id: demoCategoryId(root.handle), handle: root.handle, name: root.name, parent: null as string | null },
    ...root.leaves.map((leaf) => ({
      id: demoCategoryId(leaf.handle),
      handle: leaf.handle,
      name: leaf.name,
      parent: demoCategoryId(root.handle),
    })),
  ])
}

const LEAVES = TREE.flatMap((root) => root.leaves)

/** Product number `n` (1-based) of the demo catalog. */
export function demoProduct(n: number): SaveEntry {
  const r = random(n * 2654435761)
  const leaf = LEAVES[(n - 1) % LEAVES.length]
  const adjective = r.pick(ADJECTIVES)
  const material = r.pick(MATERIALS)
  const noun = r.pick(leaf.nouns)
  const title = `${adjective} ${material} ${noun}`
  const handle = `${slug(title)}-${n}`
  const use = r.pick(USES)
  const description =
    `The ${title} is made for ${use}. Cut from ${material.toLowerCase()} with ${r.pick(FEATURES)} and ${r.pick(FEATURES)}. ` +
    `A ${adjective.toLowerCase()} ${noun.toLowerCase()} that earns its place in the ${leaf.name.toLowerCase()} drawer.`
  const base = Math.round(r.int(leaf.price[0], leaf.price[1]) / 100) * 100 - 1
  const optionSets: Record<string, string>[] = []
  if (leaf.options === 'apparel' || leaf.options === 'shoes') {
    const sizes = leaf.options === 'apparel' ? SIZES : SHOE_SIZES
    const start = r.int(0, sizes.length - 3)
    const colours = [r.pick(COLOURS), r.pick(COLOURS)].filter((c, i, all) => all.indexOf(c) === i)
    for (const colour of colours) for (const size of sizes.slice(start, start + 3)) optionSets.push({ size, colour })
  } else if (leaf.options === 'colour') {
    const colours = [r.pick(COLOURS), r.pick(COLOURS), r.pick(COLOURS)].filter((c, i, all) => all.indexOf(c) === i)
    for (const colour of colours) optionSets.push({ colour })
  } else optionSets.push({})
  const sale = r.next() < 0.15
  const number = String(n).padStart(6, '0')
  const variants = optionSets.map((options, i) => {
    const eur = base + (options.size && ['XL', 'XXL', '45', '46'].includes(options.size) ? 500 : 0)
    return {
      sku: `${leaf.code}-${number}-${i + 1}`,
      options,
      prices: [
        { currency: 'EUR', amount: eur, compareAt: sale ? Math.round(eur * 1.25) : null },
        { currency: 'USD', amount: Math.round((eur * 1.08) / 100) * 100 - 1, compareAt: null },
      ],
      stock: r.next() < 0.1 ? 0 : r.int(1, 60),
      weightGrams: r.int(leaf.weight[0], leaf.weight[1]),
    }
  })
  const tags = [r.pick(TAGS), r.pick(TAGS)].filter((t, i, all) => all.indexOf(t) === i)
  if (sale && !tags.includes('sale')) tags.push('sale')
  const input: ProductInput = {
    handle,
    title,
    description,
    status: n % 50 === 0 ? 'draft' : 'published',
    attributes: { material, origin: r.pick(['Portugal', 'Italy', 'Japan', 'Scotland', 'Vietnam', 'Peru']) },
    tags,
    categoryIds: [demoCategoryId(leaf.handle)],
    images: [{ url: `https://images.example.com/products/${handle}.jpg`, alt: title }],
    variants,
  }
  const id36 = n.toString(36).padStart(7, '0')
  return { input, ids: { product: `prod_demo${id36}`, variants: variants.map((_, i) => `var_demo${id36}v${i + 1}`) } }
}

/** Creates the demo categories (once) and products 1..count in batches, each batch a transaction. */
export async function seedCatalog(
  deps: { db: Db; catalog: CatalogService },
  count: number,
  onProgress?: (done: number, total: number) => void,
): Promise<{ categories: number; products: number }> {
  const { db, catalog } = deps
  const categories = demoCategories()
  await db.transaction().execute(async (trx) => {
    const known = new Set((await store.listCategories(trx)).map((c) => c.handle))
    const paths = new Map<string, string>()
    for (const c of categories) {
      const path = `${c.parent ? paths.get(c.parent) : '/'}${c.id}/`
      paths.set(c.id, path)
      if (known.has(c.handle)) continue
      await store.insertCategory(trx, {
        id: c.id,
        parent_id: c.parent,
        handle: c.handle,
        name: c.name,
        path,
        position: 0,
        created_at: 0,
        updated_at: 0,
      })
    }
  })
  const batch = 1000
  for (let start = 1; start <= count; start += batch) {
    const entries: SaveEntry[] = []
    for (let n = start; n < start + batch && n <= count; n++) entries.push(demoProduct(n))
    await db.transaction().execute((trx) => catalog.saveProducts(trx, entries))
    onProgress?.(Math.min(count, start + batch - 1), count)
  }
  return { categories: categories.length, products: count }
}
