/**
 * The benchmarks' storefront search traffic (bench/run.ts, bench/search-miss.ts): a deterministic
 * stream of distinct searches built from words shoppers type for the demo catalog
 * (src/modules/catalog/demo.ts).
 */
import { random } from '../src/modules/catalog/demo.ts'

// Search traffic: words shoppers type for the demo catalog (src/modules/catalog/demo.ts).
const NOUNS = ['shirt', 'oxford shirt', 'polo', 't-shirt', 'henley', 'chinos', 'jeans', 'trousers', 'joggers', 'shorts',
  'jacket', 'parka', 'blazer', 'raincoat', 'gilet', 'sweater', 'cardigan', 'hoodie', 'jumper', 'beanie', 'sneakers',
  'trainers', 'runners', 'court shoes', 'boots', 'chelsea boots', 'hiking boots', 'wellingtons', 'mug', 'teapot',
  'chopping board', 'frying pan', 'bowl', 'knife', 'duvet cover', 'pillowcase', 'throw', 'blanket', 'sheet set', 'lamp',
  'pendant light', 'lantern', 'desk lamp', 'tent', 'sleeping bag', 'camping stove', 'hammock', 'cooler', 'helmet',
  'bike light', 'saddle bag', 'cycling gloves', 'backpack', 'tote bag', 'duffel bag', 'wallet', 'messenger bag',
  'watch', 'dive watch', 'field watch', 'chronograph'] // biome-ignore format: a list
const ADJECTIVES = ['classic', 'everyday', 'heritage', 'urban', 'alpine', 'coastal', 'vintage', 'modern', 'essential',
  'rugged', 'lightweight', 'premium', 'relaxed', 'slim', 'nordic', 'weekend', 'studio', 'harbour', 'summit', 'meadow',
  'sierra', 'atlas', 'pioneer', 'voyager', 'drift', 'ember', 'granite', 'willow', 'cedar', 'aurora'] // biome-ignore format: a list
const MATERIALS = ['linen', 'cotton', 'wool', 'merino', 'cashmere', 'denim', 'leather', 'canvas', 'bamboo', 'oak',
  'ceramic', 'stoneware', 'steel', 'recycled', 'organic cotton', 'waxed cotton', 'suede', 'nylon'] // biome-ignore format: a list
const COLOURS = [
  'black',
  'white',
  'navy',
  'olive',
  'grey',
  'sand',
  'rust',
  'forest',
  'sky',
  'burgundy',
  'charcoal',
  'ochre',
]
const CATEGORIES = ['clothing', 'shirts', 'trousers', 'jackets', 'knitwear', 'footwear', 'sneakers', 'boots', 'home',
  'kitchen', 'bedding', 'lighting', 'outdoor', 'camping', 'cycling', 'accessories', 'bags', 'watches'] // biome-ignore format: a list
const FILTERS = ['', '', '', '&inStock=true', '&maxPrice=10000', '&sort=price', '&tag=eco', '&option=colour:Navy']

/** A one-letter slip (a swap of two neighbours) in a word of five letters or more, as shoppers type. */
function slip(word: string, n: number): string {
  if (word.length < 5) return word
  const i = 1 + (n % (word.length - 2))
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
}

/**
 * Search number `n` of a deterministic stream of distinct searches: one to three words (material,
 * adjective, colour, noun; some misspelt, some typed halfway), sometimes a category or another filter.
 */
export function searchPath(n: number): string {
  const r = random(n * 7919 + 17)
  const noun = r.pick(NOUNS)
  const words = [
    [noun],
    [r.pick(MATERIALS), noun],
    [r.pick(ADJECTIVES), noun],
    [r.pick(COLOURS), noun],
    [r.pick(ADJECTIVES), r.pick(MATERIALS), noun],
  ][n % 5]
  let q = words.join(' ')
  if (n % 7 === 3) q = slip(q, n)
  if (n % 5 === 2) q = q.slice(0, Math.max(2, q.length - 3)) // typed halfway
  const category = n % 3 === 0 ? `&category=${r.pick(CATEGORIES)}` : ''
  return `/store/search?q=${encodeURIComponent(q)}${category}${FILTERS[n % FILTERS.length]}`
}

/** The category list pages the catalog benches request (eight category and sort combinations). */
export const LIST_PAGES = [
  '/store/products?category=shirts&limit=20',
  '/store/products?category=clothing&limit=20&sort=price',
  '/store/products?category=kitchen&limit=20&inStock=true',
  '/store/products?category=footwear&limit=20&sort=name',
  '/store/products?category=lighting&limit=20&sort=-price',
  '/store/products?category=bags&limit=20',
  '/store/products?category=home&limit=20&sort=newest',
  '/store/products?category=watches&limit=20&sort=price',
]
