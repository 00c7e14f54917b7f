/**
 * Payments in personal-data requests. Payments are financial records: erasure keeps them (amounts,
 * status, ledger) and only unlinks them from the person.
 */
import type { PersonalDataContributor } from '../privacy/contributor.ts'

export const paymentPersonalData: PersonalDataContributor = {
  name: 'payments',
  collect(db, { userId }) {
    return db
      .selectFrom('payment')
      .select([
        'id',
        'provider',
        'status',
        'currency',
        'amount',
        'amount_captured as amountCaptured',
        'amount_refunded as amountRefunded',
        'card_brand as cardBrand',
        'card_last4 as cardLast4',
        'order_id as orderId',
      ])
      .where('customer_id', '=', userId)
      .orderBy('id')
      .execute()
  },
  async erase(trx, { userId }) {
    await trx.updateTable('payment').set({ customer_id: null }).where('customer_id', '=', userId).execute()
  },
}
