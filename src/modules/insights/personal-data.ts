/**
 * Analytics events in personal-data requests: the events recorded while the person was signed in;
 * erasure unlinks them (the counts in reports stay, the person is gone from them). Events are never
 * updated otherwise. Events still waiting in this node's buffer are written first (`flush`); those
 * waiting in another process's buffer are written unlinked once the erasure is listed (store.ts).
 */
import type { PersonalDataContributor } from '../privacy/contributor.ts'
import { eraseCustomer } from './store.ts'

export const eventPersonalData = (buffer?: { flush(): Promise<unknown> }): PersonalDataContributor => ({
  name: 'events',
  flush: async () => void (await buffer?.flush()),
  collect(db, { userId }) {
    return db
      .selectFrom('event')
      .select(['type', 'anonymous_id as anonymousId', 'occurred_at as occurredAt', 'properties'])
      .where('customer_id', '=', userId)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute()
  },
  async erase(trx, { userId }, now) {
    await eraseCustomer(trx, userId, now)
  },
})
