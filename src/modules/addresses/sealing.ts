/**
 * Sealing and opening an address's personal fields, written once for every table that keeps an
 * address: the address book (`name_enc`, …) and an order's shipping address (`ship_name_enc`, …).
 * Name, street lines, city, postcode and phone are encrypted, each bound to its row and column by
 * `seal`; country and region stay in clear (shipping and tax need them). An empty second line or
 * phone is stored null.
 */
import type { AddressBody } from './schemas.ts'

type Required = 'name' | 'line1' | 'city' | 'postcode'
type Optional = 'line2' | 'phone'

const FIELDS: readonly (Required | Optional)[] = ['name', 'line1', 'line2', 'city', 'postcode', 'phone']

/** The personal fields of an address in clear, as they are kept: an empty second line or phone is null. */
export type AddressFields = { [K in Required]: string } & { [K in Optional]: string | null }

/** The sealed columns, named `<prefix><field>_enc`. */
export type SealedAddressFields<P extends string> = { [K in `${P}${Required}_enc`]: string } & {
  [K in `${P}${Optional}_enc`]: string | null
}

/** `a`'s personal fields as they are kept (and read back): a blank second line or an empty phone is null. */
export function addressFields(a: AddressBody): AddressFields {
  return {
    name: a.name,
    line1: a.line1,
    line2: a.line2?.trim() ? a.line2 : null,
    city: a.city,
    postcode: a.postcode,
    phone: a.phone ? a.phone : null,
  }
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
  const fields = addressFields(a)
  const sealed: Record<string, string | null> = {}
  for (const field of FIELDS) {
    const column = `${prefix}${field}_enc`
    const value = fields[field]
    sealed[column] = value === null ? null : seal(column, value)
  }
  return sealed as SealedAddressFields<P>
}

/**
 * Opens the `<prefix>…_enc` columns of `row` sealed by `sealAddress`. `open(column, value)` decrypts
 * one value of its column of this row (the cipher with the same `fieldAad` it was sealed with).
 */
export function openAddress<P extends string>(
  prefix: P,
  row: SealedAddressFields<P>,
  open: (column: string, value: string) => string,
): AddressFields {
  const columns = row as Record<string, string | null>
  const opened: Record<string, string | null> = {}
  for (const field of FIELDS) {
    const column = `${prefix}${field}_enc`
    const value = columns[column]
    opened[field] = value === null ? null : open(column, value)
  }
  return opened as AddressFields
}
