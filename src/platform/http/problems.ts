/**
 * The problem types this API can answer with. Each module exports a table of its codes; app.ts merges
 * them into one registry, served at /problems and used for titles. A test checks that every code the
 * source throws is registered.
 */
import type { ProblemView } from './schemas.ts'

export interface ProblemType {
  title: string
  description: string
}
export type ProblemTypes = Record<string, ProblemType>

/** Codes the platform itself produces. */
export const platformProblems = {
  'route-not-found': { title: 'Not found', description: 'No endpoint exists at this path.' },
  'method-not-allowed': {
    title: 'Method not allowed',
    description: 'The path exists but not with this method; the Allow header lists the methods it takes.',
  },
  'not-acceptable': {
    title: 'Not acceptable',
    description: 'No representation the endpoint produces matches the Accept header.',
  },
  'unsupported-media-type': {
    title: 'Unsupported media type',
    description: 'The request body must be application/json or application/xml.',
  },
  'uri-too-long': {
    title: 'URI too long',
    description: 'A path segment is longer than any identifier can be (200 characters); nothing was looked up.',
  },
  'malformed-url': {
    title: 'Malformed URL',
    description: 'The path is not valid percent-encoded UTF-8.',
  },
  'malformed-body': { title: 'Malformed body', description: 'The request body could not be parsed.' },
  'xml-dtd-forbidden': {
    title: 'XML DTD forbidden',
    description: 'XML bodies may not declare a DOCTYPE or entities (protection against XXE and entity expansion).',
  },
  'validation-failed': {
    title: 'Validation failed',
    description: 'The request does not match the schema; `errors` lists each failing field.',
  },
  'payload-too-large': { title: 'Payload too large', description: 'The request body exceeds the size limit.' },
  'rate-limited': {
    title: 'Too many requests',
    description: 'The client sent too many requests; retry after the number of seconds in Retry-After.',
  },
  unauthenticated: { title: 'Unauthenticated', description: 'The endpoint needs a signed-in account or an API key.' },
  'permission-denied': {
    title: 'Permission denied',
    description: 'The account or API key lacks the permission this endpoint needs.',
  },
  'shutting-down': { title: 'Service unavailable', description: 'The server is shutting down or not ready.' },
  internal: {
    title: 'Internal server error',
    description: 'An unexpected error; the request id identifies it in the logs.',
  },
} as const satisfies ProblemTypes

export function createProblemRegistry(...tables: ProblemTypes[]) {
  const types: ProblemTypes = {}
  for (const table of tables) {
    for (const [code, type] of Object.entries(table)) {
      if (types[code]) throw new Error(`Problem code "${code}" is registered twice`)
      types[code] = type
    }
  }
  return {
    types,
    has: (code: string) => code in types,
    title(code: string): string {
      return types[code]?.title ?? humanize(code)
    },
    /** A problem document for `code`; `instance` is left out when undefined (a URL not worth echoing). */
    problem(
      code: string,
      status: number,
      detail: string | undefined,
      instance: string | undefined,
      extras?: object,
    ): ProblemView {
      // A module's extra member may never replace a standard one (RFC 9457: `status` stays the HTTP
      // status, whatever a thrower named its fields).
      const {
        type: _t,
        title: _ti,
        status: _s,
        detail: _d,
        instance: _i,
        code: _c,
        ...rest
      } = (extras ?? {}) as Record<string, unknown>
      return {
        type: `/problems/${code}`,
        title: this.title(code),
        status,
        ...(detail ? { detail } : {}),
        ...(instance !== undefined ? { instance } : {}),
        code,
        ...rest,
      }
    },
  }
}
export type ProblemRegistry = ReturnType<typeof createProblemRegistry>

function humanize(code: string): string {
  const words = code.replace(/-/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}
