/** Carts in personal-data requests: a customer's carts and their lines; erasure deletes them. */
import type { PersonalDataContributor } from '../privacy/contributor.ts'

export const cartPersonalData: PersonalDataContributor = {
  name: 'carts',
  async collect(db, { userId }) {
    const carts = await db
      .selectFrom('cart')
      .select(['id', 'currency', 'status', 'created_at as createdAt', 'updated_at as updatedAt'])
      .where('customer_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    const out = []
    for (const cart of carts) {
      const lines = await db
        .selectFrom('cart_line')
        .select(['variant_id as variantId', 'quantity'])
        .where('cart_id', '=', cart.id)
        .execute()
      out.push({ ...cart, lines })
    }
    return out
  },
  async erase(trx, { userId }) {
    await trx.deleteFrom('cart').where('customer_id', '=', userId).execute() // lines cascade
  },
}
