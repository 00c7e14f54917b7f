/**
 * Content negotiation: which representation a response uses, from the `Accept` header and the formats
 * a route produces. The common cases (no header, JSON, anything) are answered without parsing.
 */
import Negotiator from 'negotiator'

export type Format = 'json' | 'xml' | 'csv' | 'text' | 'html'

export const DEFAULT_FORMATS: readonly Format[] = ['json', 'xml']

const mediaTypes: Record<Format, readonly string[]> = {
  json: ['application/json', 'application/problem+json'],
  xml: ['application/xml', 'text/xml', 'application/problem+xml'],
  csv: ['text/csv'],
  text: ['text/plain'],
  html: ['text/html'],
}

export const contentTypeOf: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
}

const cache = new Map<readonly Format[], { types: string[]; formatOf: Map<string, Format> }>()

/** The format to answer in, or undefined when nothing the route produces is acceptable (406). */
export function negotiate(
  accept: string | undefined,
  formats: readonly Format[] = DEFAULT_FORMATS,
): Format | undefined {
  if (accept === undefined || accept === '' || accept === '*/*') return formats[0]
  if (accept === 'application/json' && formats.includes('json')) return 'json'
  let entry = cache.get(formats)
  if (!entry) {
    const formatOf = new Map<string, Format>()
    for (const format of formats) for (const type of mediaTypes[format]) formatOf.set(type, format)
    entry = { types: [...formatOf.keys()], formatOf }
    cache.set(formats, entry)
  }
  const chosen = new Negotiator({ headers: { accept } }).mediaType(entry.types)
  return chosen ? entry.formatOf.get(chosen) : undefined
}

/** Media types a route with these formats can produce (for 406 details and OpenAPI). */
export function mediaTypesOf(formats: readonly Format[]): string[] {
  return formats.map((format) => mediaTypes[format][0])
}
