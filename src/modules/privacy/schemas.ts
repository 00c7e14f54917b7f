import { Type } from 'typebox'
import { Id, Line, Timestamp } from '../../platform/http/schemas.ts'

export const PersonalDataView = Type.Object(
  {
    generatedAt: Timestamp,
    subject: Type.Object({ userId: Id, email: Type.String() }),
    sections: Type.Record(Type.String(), Type.Unknown(), {
      description: 'One section per module: account, sessions, addresses, carts, orders, payments, mail, events',
    }),
  },
  { xml: { name: 'personalData' } },
)

export const ErasureBody = Type.Object(
  { password: Line({ minLength: 1, maxLength: 1024, description: 'Your current password, to confirm' }) },
  { additionalProperties: false },
)

export const ErasureView = Type.Object({ erased: Type.Boolean(), at: Timestamp }, { xml: { name: 'erasure' } })
export const SubjectParams = Type.Object({ userId: Id })
