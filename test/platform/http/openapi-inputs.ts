/**
 * Walks the OpenAPI document the app serves: every operation with its inputs (path, query, header
 * parameters and the JSON body), and every leaf schema inside them. Shared by the input-rule test and
 * the generated bad-input test, so a route joins both the moment it is registered.
 */

export type Schema = Record<string, any>

export interface Operation {
  method: string
  /** OpenAPI path, e.g. /store/products/{id} */
  path: string
  /** Fastify route path, e.g. /store/products/:id */
  route: string
  operation: Schema
  parameters: { name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: Schema }[]
  body: Schema | undefined
  consumesXml: boolean
}

export function operationsOf(spec: Schema): Operation[] {
  const out: Operation[] = []
  for (const [path, item] of Object.entries<Schema>(spec.paths)) {
    for (const [method, operation] of Object.entries<Schema>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])]
        .map((p: Schema) => resolve(spec, p))
        .filter((p: Schema) => p.in !== 'cookie')
        .map((p: Schema) => ({ name: p.name, in: p.in, required: !!p.required, schema: resolve(spec, p.schema ?? {}) }))
      const content = resolve(spec, operation.requestBody ?? {}).content ?? {}
      const body = content['application/json']?.schema
      out.push({
        method: method.toUpperCase(),
        path,
        route: path.replace(/\{([^}]+)\}/g, ':$1'),
        operation,
        parameters,
        body: body ? resolve(spec, body) : undefined,
        consumesXml: 'application/xml' in content,
      })
    }
  }
  return out
}

/** Follows a local `$ref` (components may hold named schemas). */
export function resolve(spec: Schema, schema: Schema): Schema {
  let current = schema
  for (let i = 0; i < 20 && typeof current?.$ref === 'string'; i++) {
    const ref: string = current.$ref
    if (!ref.startsWith('#/')) break
    current = ref
      .slice(2)
      .split('/')
      .reduce<Schema>((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec)
  }
  return current ?? {}
}

/** Every leaf (string, integer, number) schema under `schema`, with its JSON pointer; `*` marks a map key or array item. */
export function leavesOf(spec: Schema, schema: Schema, pointer = ''): { pointer: string; schema: Schema }[] {
  const s = resolve(spec, schema)
  const out: { pointer: string; schema: Schema }[] = []
  for (const variant of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) {
    out.push(...leavesOf(spec, variant, pointer))
  }
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : []
  for (const [name, property] of Object.entries<Schema>(s.properties ?? {})) {
    out.push(...leavesOf(spec, property, `${pointer}/${name}`))
  }
  for (const [, property] of Object.entries<Schema>(s.patternProperties ?? {})) {
    out.push(...leavesOf(spec, property, `${pointer}/*`))
  }
  if (typeof s.additionalProperties === 'object') out.push(...leavesOf(spec, s.additionalProperties, `${pointer}/*`))
  if (s.propertyNames) out.push(...leavesOf(spec, s.propertyNames, `${pointer}/(key)`))
  if (s.items) out.push(...leavesOf(spec, s.items, `${pointer}/*`))
  if (types.some((t) => t === 'string' || t === 'integer' || t === 'number') || s.const !== undefined || s.enum) {
    out.push({ pointer: pointer || '/', schema: s })
  }
  return out
}
