/** Shapes shared by every module's schemas.ts. */
import { type Static, type TStringOptions, Type } from 'typebox'
import { ID_PATTERN } from '../db/ids.ts'

// ---------------------------------------------------------------------------------------------
// The one rule for text input (issue 12): no NUL anywhere (also refused for every string by
// ./input-guard.ts, schema or not), no control characters in single-line fields, and a length bound
// on every string a client sends. Request schemas build their strings with `Line` or `Text` (or a
// stricter `pattern`, like Id); test/platform/http/input-rules.test.ts fails on one that does not.

/** No C0/C1 control character and no DEL: names, titles, queries, single-line fields. */
export const LINE_PATTERN = '^[^\\u0000-\\u001F\\u007F-\\u009F]*$'
/** Like LINE_PATTERN but tab, line feed and carriage return are allowed: descriptions, notes. */
export const TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$'

type TextOptions = Omit<TStringOptions, 'pattern' | 'maxLength'> & { maxLength: number }

/** A single line of text: no control characters, at most `maxLength` characters. */
export function Line(options: TextOptions) {
  return Type.String({ ...options, pattern: LINE_PATTERN })
}

/** Free text that may span lines (tab, CR, LF allowed; other control characters not), at most `maxLength`. */
export function Text(options: TextOptions) {
  return Type.String({ ...options, pattern: TEXT_PATTERN })
}

export const Id = Type.String({
  pattern: ID_PATTERN,
  maxLength: 60,
  description: 'Opaque identifier',
  examples: ['prd_0mb2x4k7q9'],
})

/** Money: an integer in minor units of its currency (cents for EUR/USD, yen for JPY). Never a float. */
export const Money = Type.Integer({
  minimum: -1e15,
  maximum: 1e15,
  description: 'Integer amount in minor units',
  examples: [1999],
})

/** ISO 4217 alphabetic code. */
export const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code', examples: ['EUR'] })

/** Milliseconds since the Unix epoch, UTC. */
// The bound is the last instant a JavaScript Date can hold (year 275760): far inside a bigint.
export const Timestamp = Type.Integer({
  minimum: 0,
  maximum: 8.64e15,
  description: 'Milliseconds since 1970-01-01T00:00:00Z',
  examples: [1767225600000],
})

export const Email = Type.String({ format: 'email', maxLength: 254, examples: ['ada@example.com'] })

/** Keyset pagination: `cursor` is opaque; `limit` caps the page. */
export const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Line({ maxLength: 512 })),
})
export type PageQuery = Static<typeof PageQuery>

/** A page of items with the cursor for the next page (null on the last page). */
export function Page<T extends ReturnType<typeof Type.Object>>(item: T, name: string) {
  return Type.Object(
    { items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) },
    { xml: { name } },
  )
}

/** RFC 9457 problem details, plus `code` (stable, machine-readable) and `errors` for validation. */
export const ProblemView = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(Type.Object({ in: Type.String(), pointer: Type.String(), detail: Type.String() }), {
        xml: { name: 'errors' },
      }),
    ),
  },
  { additionalProperties: true, xml: { name: 'problem', namespace: 'urn:ietf:rfc:7807' } },
)
export type ProblemView = Static<typeof ProblemView>
