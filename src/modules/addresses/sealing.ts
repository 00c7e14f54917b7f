/**
 * Sealing an address's personal fields, written once for every table that keeps an address: the
 * address book (`name_enc`, …) and an order's shipping address (`ship_name_enc`, …). Name, street
 * lines, city, postcode and phone are encrypted, each bound to its row and column by `seal`; country
 * and region stay in clear (shipping and tax need them). An empty second line or phone is stored null.
 */
import type { AddressBody } from './schemas.ts'

type Required = 'name' | 'line1' | 'city' | 'postcode'
type Optional = 'line2' | 'phone'

/** The sealed columns, named `<prefix><field>_enc`. */
export type SealedAddressFields<P extends string> = { [K in `${P}${Required}_enc`]: string } & {
  [K in `${P}${Optional}_enc`]: string | null
}

/**
 * Seals `a` into `<prefix>name_enc`, `<prefix>line1_enc`, … columns. `seal(column, value)` encrypts
 * one value for its column of this row (a `FieldSealer` or the cipher with `fieldAad`).
 */
export function sealAddress<P extends string>(
  prefix: P,
  a: AddressBody,
  seal: (column: string, value: string) => string,
): SealedAddressFields<P> {
  const column = (field: Required | Optional) => `${prefix}${field}_enc`
  const line2 = a.line2?.trim() ? a.line2 : null
  return {
    [column('name')]: seal(column('name'), a.name),
    [column('line1')]: seal(column('line1'), a.line1),
    [column('line2')]: line2 === null ? null : seal(column('line2'), line2),
    [column('city')]: seal(column('city'), a.city),
    [column('postcode')]: seal(column('postcode'), a.postcode),
    [column('phone')]: a.phone ? seal(column('phone'), a.phone) : null,
  } as SealedAddressFields<P>
}
