import { type Static, Type } from 'typebox'
import { Email, Id, Timestamp } from '../../platform/http/schemas.ts'

export const MailQuery = Type.Object({
  to: Type.Optional(Email),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Id),
})
export type MailQuery = Static<typeof MailQuery>

export const MailView = Type.Object(
  {
    id: Id,
    to: Type.String(),
    subject: Type.String(),
    text: Type.String(),
    html: Type.Union([Type.String(), Type.Null()]),
    status: Type.String({ description: 'pending, sending, sent or failed' }),
    transport: Type.Union([Type.String(), Type.Null()]),
    attempts: Type.Integer(),
    createdAt: Timestamp,
    sentAt: Type.Union([Timestamp, Type.Null()]),
  },
  { xml: { name: 'message' } },
)
export type MailView = Static<typeof MailView>

export const MailList = Type.Object(
  { items: Type.Array(MailView), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { xml: { name: 'messages' } },
)
export type MailList = Static<typeof MailList>
