/**
 * The product form's values (what people type: strings) ↔ the API's bodies, and the server's field
 * errors ↔ the form's field names. Pure functions, no React.
 */
// The client's types directly (not shared/api.ts, which needs a browser): the node tests import this file.
import type { Schemas } from '../../../../../client/index.ts'
import { amountText, parseAmount } from './money.ts'

export interface PriceRow {
  currency: string
  amount: string
  compareAt: string
}
export interface VariantRow {
  sku: string
  options: string
  stock: string
  weightGrams: string
  prices: PriceRow[]
}
export interface ProductFormValues {
  title: string
  handle: string
  description: string
  tags: string
  categoryIds: string[]
  images: string
  attributes: string
  variants: VariantRow[]
}

type CreateBody = Schemas['CreateProductBody']
type AdminProduct = Schemas['AdminProductView']

export const emptyPrice = (currency = 'EUR'): PriceRow => ({ currency, amount: '', compareAt: '' })
export const emptyVariant = (currency = 'EUR'): VariantRow => ({
  sku: '',
  options: '',
  stock: '0',
  weightGrams: '0',
  prices: [emptyPrice(currency)],
})
export const emptyProduct: ProductFormValues = {
  title: '',
  handle: '',
  description: '',
  tags: '',
  categoryIds: [],
  images: '',
  attributes: '',
  variants: [emptyVariant()],
}

/** "Linen Shirt (blue)" → "linen-shirt-blue": a handle suggestion (the server still judges it). */
export function suggestHandle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
}

export function formOf(product: AdminProduct): ProductFormValues {
  return {
    title: product.title,
    handle: product.handle,
    description: product.description,
    tags: product.tags.join(', '),
    categoryIds: [...product.categoryIds],
    images: product.images.map((i) => (i.alt ? `${i.url} | ${i.alt}` : i.url)).join('\n'),
    attributes: Object.keys(product.attributes).length > 0 ? JSON.stringify(product.attributes, null, 2) : '',
    variants: product.variants.map((v) => ({
      sku: v.sku,
      options: Object.entries(v.options)
        .map(([name, value]) => `${name}=${value}`)
        .join('; '),
      stock: String(v.stock),
      weightGrams: String(v.weightGrams),
      prices: v.prices.map((p) => ({
        currency: p.currency,
        amount: amountText(p.amount, p.currency),
        compareAt: p.compareAt === null ? '' : amountText(p.compareAt, p.currency),
      })),
    })),
  }
}

/** The form as an API body, or the fields the browser can already tell are wrong (name → message). */
export function bodyOf(values: ProductFormValues): { body: CreateBody } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const whole = (text: string, name: string): number => {
    if (!/^\d+$/.test(text.trim())) errors[name] = 'Enter a whole number (0 or more)'
    return Number(text.trim())
  }
  const variants = values.variants.map((v, i) => {
    const options: Record<string, string> = {}
    for (const pair of v.options
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const eq = pair.indexOf('=')
      if (eq < 1) errors[`variants.${i}.options`] = `"${pair}" is not name=value`
      else options[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim()
    }
    const prices = v.prices.map((p, j) => {
      const currency = p.currency.trim().toUpperCase()
      const amount = parseAmount(p.amount, currency)
      if (!amount.ok) errors[`variants.${i}.prices.${j}.amount`] = amount.error
      let compareAt: number | null = null
      if (p.compareAt.trim()) {
        const parsed = parseAmount(p.compareAt, currency)
        if (parsed.ok) compareAt = parsed.minor
        else errors[`variants.${i}.prices.${j}.compareAt`] = parsed.error
      }
      return { currency, amount: amount.ok ? amount.minor : 0, compareAt }
    })
    return {
      sku: v.sku.trim(),
      options,
      prices,
      stock: whole(v.stock, `variants.${i}.stock`),
      weightGrams: whole(v.weightGrams || '0', `variants.${i}.weightGrams`),
    }
  })
  let attributes: Record<string, string | number | boolean> = {}
  if (values.attributes.trim()) {
    try {
      const parsed: unknown = JSON.parse(values.attributes)
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object')
      attributes = parsed as typeof attributes
    } catch {
      errors.attributes = 'Enter a JSON object, e.g. {"material": "linen"}'
    }
  }
  const images = values.images
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const bar = line.indexOf('|')
      return bar === -1 ? { url: line, alt: '' } : { url: line.slice(0, bar).trim(), alt: line.slice(bar + 1).trim() }
    })
  if (Object.keys(errors).length > 0) return { errors }
  return {
    body: {
      title: values.title,
      handle: values.handle.trim(),
      description: values.description,
      tags: values.tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      categoryIds: values.categoryIds,
      images,
      attributes,
      variants,
    },
  }
}

/**
 * A server field error (`variants.0.options.size`, from a problem's `errors[].pointer`) → the form field
 * that shows it: the longest prefix of the path that is a field of the form.
 */
export function formFieldOf(path: string, values: ProductFormValues): string | undefined {
  const names = new Set(['title', 'handle', 'description', 'tags', 'categoryIds', 'images', 'attributes', 'variants'])
  values.variants.forEach((v, i) => {
    for (const key of ['sku', 'options', 'stock', 'weightGrams', 'prices']) names.add(`variants.${i}.${key}`)
    v.prices.forEach((_, j) => {
      for (const key of ['currency', 'amount', 'compareAt']) names.add(`variants.${i}.prices.${j}.${key}`)
    })
  })
  const parts = path.split('.')
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('.')
    if (names.has(candidate)) return candidate
  }
  return undefined
}
