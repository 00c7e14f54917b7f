/**
 * A customer's address book. Name, street lines, city, postcode and phone are encrypted at rest, each
 * bound to its row and column (associated data), so a ciphertext moved elsewhere fails to open.
 * Country and region stay in clear: shipping and tax need them.
 */
import { newId } from '../../platform/db/ids.ts'
import type { Db } from '../../platform/db/types.ts'
import { conflict, notFound, unauthorized } from '../../platform/errors.ts'
import type { Actor } from '../../platform/security/actor.ts'
import { type Cipher, fieldAad } from '../../platform/security/crypto.ts'
import type { PersonalDataContributor } from '../privacy/contributor.ts'
import type { AddressBody, AddressView } from './schemas.ts'
import { openAddress, sealAddress } from './sealing.ts'
import * as store from './store.ts'

export const MAX_ADDRESSES = 50

export const addressProblems = {
  'address-not-found': { title: 'Address not found', description: 'No address with this id is in your address book.' },
  'address-book-full': {
    title: 'Address book full',
    description: `An address book holds at most ${MAX_ADDRESSES} addresses; delete one first.`,
  },
}

export function createAddressService(deps: { db: Db; cipher: Cipher; now?: () => number }) {
  const { db, cipher } = deps
  const now = deps.now ?? Date.now
  return { list, get, create, replace, remove, findForCheckout, personalData }

  async function list(actor: Actor): Promise<AddressView[]> {
    const rows = await store.listAddresses(db, customerOf(actor))
    return rows.map(open)
  }
  async function get(actor: Actor, id: string): Promise<AddressView> {
    const row = await store.findOwnedAddress(db, id, customerOf(actor))
    if (!row) throw addressNotFound()
    return open(row)
  }
  async function create(actor: Actor, input: AddressBody): Promise<AddressView> {
    const customerId = customerOf(actor)
    const row = seal(newId('adr'), input)
    await db.transaction().execute(async (trx) => {
      if ((await store.countAddresses(trx, customerId)) >= MAX_ADDRESSES) {
        throw conflict('address-book-full', `An address book holds at most ${MAX_ADDRESSES} addresses`)
      }
      await store.insertAddress(trx, customerId, row, now())
    })
    return open(row)
  }
  async function replace(actor: Actor, id: string, input: AddressBody): Promise<AddressView> {
    const row = seal(id, input)
    if (!(await store.updateOwnedAddress(db, customerOf(actor), row, now()))) throw addressNotFound()
    return open(row)
  }
  async function remove(actor: Actor, id: string): Promise<void> {
    if (!(await store.deleteOwnedAddress(db, id, customerOf(actor)))) throw addressNotFound()
  }
  /** For the checkout transaction: the customer's address, decrypted, to copy onto the order. */
  async function findForCheckout(trx: Db, customerId: string, id: string): Promise<AddressView | undefined> {
    const row = await store.findOwnedAddress(trx, id, customerId)
    return row && open(row)
  }

  /** The address book's part in personal-data requests: every address, decrypted; erasure deletes them. */
  function personalData(): PersonalDataContributor {
    return {
      name: 'addresses',
      collect: async (trx, { userId }) => (await store.listAddresses(trx, userId)).map(open),
      erase: async (trx, { userId }) => {
        await trx.deleteFrom('address').where('customer_id', '=', userId).execute()
      },
    }
  }

  function seal(id: string, a: AddressBody): store.SealedAddress {
    const enc = (column: string, value: string) => cipher.encrypt(value, fieldAad('address', column, id))
    return { id, country: a.country, region: a.region ?? null, ...sealAddress('', a, enc) }
  }
  function open(row: store.SealedAddress): AddressView {
    const dec = (column: string, value: string) => cipher.decrypt(value, fieldAad('address', column, row.id))
    return { id: row.id, ...openAddress('', row, dec), region: row.region, country: row.country }
  }
}

export type AddressService = ReturnType<typeof createAddressService>

function customerOf(actor: Actor): string {
  if (!actor.customerId) throw unauthorized('unauthenticated', 'Sign in to use an address book')
  return actor.customerId
}

function addressNotFound() {
  return notFound('address-not-found', 'No such address in your address book')
}
