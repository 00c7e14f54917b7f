/**
 * Analytics events in personal-data requests: the events recorded while the person was signed in;
 * erasure unlinks them (the counts in reports stay, the person is gone from them). Events are never
 * updated otherwise.
 */
import type { PersonalDataContributor } from '../privacy/contributor.ts'

export const eventPersonalData: PersonalDataContributor = {
  name: 'events',
  collect(db, { userId }) {
    return db
      .selectFrom('event')
      .select(['type', 'anonymous_id as anonymousId', 'occurred_at as occurredAt', 'properties'])
      .where('customer_id', '=', userId)
      .orderBy('occurred_at')
      .execute()
  },
  async erase(trx, { userId }) {
    await trx.updateTable('event').set({ customer_id: null }).where('customer_id', '=', userId).execute()
  },
}
