import { type Static, Type } from 'typebox'
import { Id, Line } from '../../platform/http/schemas.ts'
import { Country, Region } from '../checkout/schemas.ts'

export const AddressParams = Type.Object({ addressId: Id })
export type AddressParams = Static<typeof AddressParams>

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' })

export const AddressBody = Type.Object(
  {
    name: Text(200),
    line1: Text(200),
    line2: Type.Optional(Type.Union([Line({ maxLength: 200 }), Type.Null()])),
    city: Text(100),
    postcode: Text(20),
    region: Type.Optional(Type.Union([Region, Type.Null()])),
    country: Country,
    phone: Type.Optional(
      Type.Union([
        Type.String({
          pattern: '^\\+?[0-9 ()./-]{4,30}$',
          description: 'E.164 preferred',
          examples: ['+49 30 1234567'],
        }),
        Type.Null(),
      ]),
    ),
  },
  { additionalProperties: false },
)
export type AddressBody = Static<typeof AddressBody>

export const AddressView = Type.Object(
  {
    id: Id,
    name: Type.String(),
    line1: Type.String(),
    line2: Type.Union([Type.String(), Type.Null()]),
    city: Type.String(),
    postcode: Type.String(),
    region: Type.Union([Type.String(), Type.Null()]),
    country: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()]),
  },
  { xml: { name: 'address' } },
)
export type AddressView = Static<typeof AddressView>

export const AddressList = Type.Object({ items: Type.Array(AddressView) }, { xml: { name: 'addresses' } })
