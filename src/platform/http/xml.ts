/**
 * XML both ways, driven by the route's JSON schema so that XML carries exactly the data JSON does.
 *
 * Mapping (documented in docs/API.md): an object is an element per property; an array is an element
 * holding one `<i>` per item (as in RFC 9457 appendix B); null is `<x nil="true"/>`; numbers and
 * booleans are their JSON text. A property whose name is not an XML name is `<entry name="…">`.
 * Parsing refuses any DOCTYPE, so external entities (XXE) and entity expansion ("billion laughs")
 * can never happen.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { badRequest } from '../errors.ts'

type Schema = Record<string, any> | undefined

const ITEM = 'i'
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/

// ---------------------------------------------------------------------------------------------
// Writing

/** Serialises a JSON value to an XML document whose root is the schema's `xml.name` (or `fallbackRoot`). */
export function toXml(value: unknown, schema: Schema, fallbackRoot = 'response'): string {
  const root = schema?.xml?.name ?? fallbackRoot
  const ns = schema?.xml?.namespace ? ` xmlns="${escapeAttr(schema.xml.namespace)}"` : ''
  return `<?xml version="1.0" encoding="UTF-8"?>${element(root, value, ns)}`
}

function element(name: string, value: unknown, attrs = ''): string {
  let open = name
  let close = name
  if (!NAME.test(name) || /^xml/i.test(name)) {
    open = `entry name="${escapeAttr(name)}"`
    close = 'entry'
  }
  open += attrs
  if (value === null || value === undefined) return `<${open} nil="true"/>`
  if (Array.isArray(value)) {
    let inner = ''
    for (const item of value) inner += element(ITEM, item)
    return `<${open}>${inner}</${close}>`
  }
  if (typeof value === 'object') {
    let inner = ''
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key]
      if (child !== undefined) inner += element(key, child)
    }
    return `<${open}>${inner}</${close}>`
  }
  return `<${open}>${escapeText(String(value))}</${close}>`
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;')).replace(NOT_XML, '\uFFFD')
}
// Characters XML 1.0 cannot carry at all (§2.2), even escaped: written as U+FFFD so the document stays well-formed.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g
function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;')
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Deeper XML is refused with a 400 (no request schema nests anywhere near this). */
export const MAX_XML_DEPTH = 100

const parser = new XMLParser({
  maxNestedTags: MAX_XML_DEPTH,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true, // only the five predefined ones: a DOCTYPE never gets this far
  isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
})

/** Parses an XML request body into the JSON value `schema` describes. Throws a 400 problem when malformed. */
export function fromXml(text: string, schema: Schema): unknown {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw badRequest('xml-dtd-forbidden', 'XML documents with a DOCTYPE or entity declarations are not accepted')
  }
  for (const ref of text.matchAll(/&#(x[0-9a-f]+|[0-9]+);/gi)) {
    const code = ref[1][0] === 'x' || ref[1][0] === 'X' ? Number.parseInt(ref[1].slice(1), 16) : Number(ref[1])
    if (!isXmlChar(code)) {
      // XML 1.0 §4.1 (Legal Character): `&#0;` is not well-formed; the parser would drop it silently.
      throw badRequest('malformed-body', 'The XML body refers to a character XML does not allow')
    }
  }
  const valid = XMLValidator.validate(text)
  if (valid !== true) {
    const { msg, line, col } = valid.err
    throw badRequest('malformed-body', `The XML body is not well-formed: ${msg} (line ${line}, column ${col})`)
  }
  let document: Record<string, unknown[]>
  try {
    document = parser.parse(text) as Record<string, unknown[]>
  } catch (error) {
    // The parser's own limits (nesting, entity expansion) throw plain Errors: the client's fault, not ours.
    const nested = /nested/i.test((error as Error).message)
    throw badRequest(
      'malformed-body',
      nested ? `The XML body nests deeper than ${MAX_XML_DEPTH} elements` : 'The XML body could not be read',
    )
  }
  const roots = Object.keys(document)
  if (roots.length !== 1 || document[roots[0]].length !== 1) {
    throw badRequest('malformed-body', 'The XML body must have exactly one root element')
  }
  return coerce(document[roots[0]][0], schema)
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  )
}

function isNil(node: unknown): boolean {
  return typeof node === 'object' && node !== null && (node as Record<string, unknown>)['@_nil'] === 'true'
}

function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node
  if (typeof node === 'object' && node !== null) {
    const keys = Object.keys(node).filter((k) => !k.startsWith('@_'))
    if (keys.length === 0) return ''
    if (keys.length === 1 && keys[0] === '#text') return String((node as Record<string, unknown>)['#text'])
  }
  return undefined
}

function typesOf(schema: Schema): string[] {
  if (!schema) return []
  if (typeof schema.type === 'string') return [schema.type]
  if (Array.isArray(schema.type)) return schema.type
  const variants = schema.anyOf ?? schema.oneOf
  if (Array.isArray(variants)) return variants.flatMap((v: Schema) => typesOf(v))
  if (schema.const !== undefined) return [typeof schema.const]
  if (Array.isArray(schema.enum)) return [...new Set(schema.enum.map((v: unknown) => typeof v))] as string[]
  return []
}

/** The variant of a union that describes `type` (so nested objects and arrays keep their schemas). */
function variantFor(schema: Schema, type: string, node?: unknown): Schema {
  const variants = schema?.anyOf ?? schema?.oneOf
  if (!Array.isArray(variants)) return schema
  const candidates = variants.filter((v: Schema) => typesOf(v).includes(type))
  // A union of objects told apart by a constant property (`type: 'page_view'`): pick the one the element names.
  if (candidates.length > 1 && typeof node === 'object' && node !== null) {
    const children = node as Record<string, unknown[]>
    const tagged = candidates.find((v: Schema) => {
      const constants = Object.entries(v?.properties ?? {}).filter(([, p]) => (p as Schema)?.const !== undefined)
      return (
        constants.length > 0 &&
        constants.every(([key, p]) => textOf(children[key]?.[0]) === String((p as Schema)?.const))
      )
    })
    if (tagged) return tagged
  }
  return candidates[0] ?? schema
}

function coerce(node: unknown, schema: Schema): unknown {
  if (isNil(node)) return null
  const types = typesOf(schema)
  const text = textOf(node)

  if (types.includes('array')) {
    const arraySchema = variantFor(schema, 'array')
    if (text === '') return []
    if (typeof node !== 'object' || node === null) return node
    const items: unknown[] = []
    for (const [key, values] of Object.entries(node as Record<string, unknown[]>)) {
      if (key.startsWith('@_') || key === '#text') continue
      for (const value of values) items.push(coerce(value, arraySchema?.items))
    }
    return items
  }
  if (text !== undefined && !(types.includes('object') && text === '' && !types.includes('string'))) {
    if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) {
      return Number(text)
    }
    if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true'
    return text
  }
  // `<attributes></attributes>` and `<attributes/>` are the empty object the writer produces for `{}`.
  if (text === '' && types.includes('object')) return {}
  if (typeof node !== 'object' || node === null) return node
  const objectSchema = variantFor(schema, 'object', node)
  const out: Record<string, unknown> = {}
  for (const [tag, values] of Object.entries(node as Record<string, unknown[]>)) {
    if (tag.startsWith('@_') || tag === '#text') continue
    for (const value of values) {
      const name =
        tag === 'entry' && typeof value === 'object' && value && '@_name' in value ? String(value['@_name']) : tag
      const propertySchema = propertySchemaOf(objectSchema, name)
      const coerced = coerce(value, propertySchema)
      if (name in out) {
        // A repeated element where one was expected: keep all, so validation reports it instead of losing data.
        out[name] = Array.isArray(out[name]) ? [...(out[name] as unknown[]), coerced] : [out[name], coerced]
      } else out[name] = coerced
    }
  }
  return out
}

function propertySchemaOf(schema: Schema, name: string): Schema {
  if (!schema) return undefined
  const own = schema.properties?.[name]
  if (own) return own
  if (schema.patternProperties) {
    for (const [pattern, sub] of Object.entries(schema.patternProperties)) {
      if (new RegExp(pattern, 'u').test(name)) return sub as Schema
    }
  }
  if (typeof schema.additionalProperties === 'object') return schema.additionalProperties
  return undefined
}
