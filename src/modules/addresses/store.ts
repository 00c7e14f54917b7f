/** SQL for the address book. Rows carry ciphertexts; the service seals and opens them. */
import type { Db } from '../../platform/db/types.ts'
import type { EncryptedTable } from '../../platform/security/encrypted-columns.ts'

export interface AddressTable {
  id: string
  customer_id: string
  country: string
  region: string | null
  name_enc: string
  line1_enc: string
  line2_enc: string | null
  city_enc: string
  postcode_enc: string
  phone_enc: string | null
  created_at: number
  updated_at: number
}

export type SealedAddress = Omit<AddressTable, 'customer_id' | 'created_at' | 'updated_at'>

/** Registered in app.ts so `backroom rotate-keys` re-encrypts these columns. */
export const addressEncryptedColumns: EncryptedTable = {
  table: 'address',
  idColumn: 'id',
  columns: ['name_enc', 'line1_enc', 'line2_enc', 'city_enc', 'postcode_enc', 'phone_enc'],
}

const COLUMNS = [
  'id',
  'country',
  'region',
  'name_enc',
  'line1_enc',
  'line2_enc',
  'city_enc',
  'postcode_enc',
  'phone_enc',
] as const

export function listAddresses(db: Db, customerId: string): Promise<SealedAddress[]> {
  return db.selectFrom('address').select(COLUMNS).where('customer_id', '=', customerId).orderBy('id').execute()
}

/** The owner is part of the query, so another customer's address is simply not found. */
export function findOwnedAddress(db: Db, id: string, customerId: string): Promise<SealedAddress | undefined> {
  return db
    .selectFrom('address')
    .select(COLUMNS)
    .where('id', '=', id)
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
}

export async function countAddresses(db: Db, customerId: string): Promise<number> {
  const row = await db
    .selectFrom('address')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function insertAddress(db: Db, customerId: string, row: SealedAddress, now: number): Promise<void> {
  await db
    .insertInto('address')
    .values({ ...row, customer_id: customerId, created_at: now, updated_at: now })
    .execute()
}

export async function updateOwnedAddress(db: Db, customerId: string, row: SealedAddress, now: number) {
  const { id, ...values } = row
  const result = await db
    .updateTable('address')
    .set({ ...values, updated_at: now })
    .where('id', '=', id)
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function deleteOwnedAddress(db: Db, id: string, customerId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('address')
    .where('id', '=', id)
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
  return result.numDeletedRows === 1n
}
