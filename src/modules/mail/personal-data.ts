/** Mail in personal-data requests: what was sent to the person; erasure deletes those messages. */
import type { PersonalDataContributor } from '../privacy/contributor.ts'

export const mailPersonalData: PersonalDataContributor = {
  name: 'mail',
  collect(db, { email }) {
    return db
      .selectFrom('mail_outbox')
      .select(['id', 'subject', 'text_body as text', 'status', 'created_at as createdAt', 'sent_at as sentAt'])
      .where('to_address', '=', email)
      .orderBy('created_at')
      .execute()
  },
  async erase(trx, { email }) {
    await trx.deleteFrom('mail_outbox').where('to_address', '=', email).execute()
  },
}
