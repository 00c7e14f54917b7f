/**
 * The one rule every piece of text input obeys, checked before any schema, handler or database sees
 * it: no NUL (U+0000) in any string or property name of the headers, path, query string or body.
 * PostgreSQL cannot store NUL in text (issue 12: it answered 500), C libraries and logs truncate at
 * it, and no legitimate input holds one. Control characters in single-line fields and length bounds
 * are the schemas' job (`Line` and `Text` in ./schemas.ts); this guard needs no schema at all, so a
 * field someone forgets to bound still cannot carry a NUL.
 */
import { type AppError, badRequest } from '../errors.ts'
import type { App } from './types.ts'

type Part = 'header' | 'path' | 'query' | 'body'

/** Adds the hooks: headers, path and query on request (before authentication), the parsed body before validation. */
export function installInputGuard(app: App): void {
  // Callback hooks, not async ones: this runs on every request, and a promise per hook is measurable.
  app.addHook('onRequest', (req, _reply, done) => {
    done(nulIn('header', req.headers) ?? nulIn('path', req.params) ?? nulIn('query', req.query))
  })
  app.addHook('preValidation', (req, _reply, done) => {
    done(nulIn('body', req.body))
  })
}

const WHERE: Record<Part, string> = { header: 'headers', path: 'path', query: 'query string', body: 'body' }

function nulIn(part: Part, value: unknown): AppError | undefined {
  const pointer = findNul(value)
  if (pointer === undefined) return undefined
  return badRequest('validation-failed', `The request ${WHERE[part]} is invalid`, {
    errors: [{ in: part, pointer, detail: 'must not contain the NUL character (U+0000)' }],
  })
}

/**
 * The JSON pointer of the first string or property name holding U+0000, or undefined. Iterative, so a
 * body nested a hundred thousand levels deep cannot overflow the stack. Pointers are only built once a
 * NUL is known to be there: every request passes this, and almost none holds one.
 */
export function findNul(value: unknown): string | undefined {
  return hasNul(value) ? pointerToNul(value) : undefined
}

function hasNul(value: unknown): boolean {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const node = stack.pop()
    if (typeof node === 'string') {
      if (node.includes('\u0000')) return true
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) stack.push(node[i])
    } else if (isPlain(node)) {
      for (const key in node) {
        if (!Object.hasOwn(node, key)) continue
        if (key.includes('\u0000')) return true
        stack.push(node[key])
      }
    }
  }
  return false
}

function pointerToNul(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, '']]
  while (stack.length > 0) {
    const [node, pointer] = stack.pop() as [unknown, string]
    if (typeof node === 'string') {
      if (node.includes('\u0000')) return pointer || '/'
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) stack.push([node[i], `${pointer}/${i}`])
    } else if (isPlain(node)) {
      for (const [key, child] of Object.entries(node)) {
        const at = `${pointer}/${escapePointer(key)}`
        if (key.includes('\u0000')) return at
        stack.push([child, at])
      }
    }
  }
  return undefined
}

// Not only plain objects: the query-string parser makes objects with a null-prototype class.
function isPlain(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !ArrayBuffer.isView(node)
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1').replaceAll('\u0000', '\\u0000')
}
