/** Shapes shared by every module's schemas.ts. */
import { type Static, Type } from 'typebox'
import { ID_PATTERN } from '../db/ids.ts'

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
export const Timestamp = Type.Integer({
  minimum: 0,
  description: 'Milliseconds since 1970-01-01T00:00:00Z',
  examples: [1767225600000],
})

export const Email = Type.String({ format: 'email', maxLength: 254, examples: ['ada@example.com'] })

/** Keyset pagination: `cursor` is opaque; `limit` caps the page. */
export const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
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
