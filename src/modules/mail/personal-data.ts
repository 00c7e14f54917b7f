/** Mail in personal-data requests: what was sent to the person; erasure deletes those messages. */
import type { FieldSealer } from '../../platform/security/encrypted-columns.ts'
import type { DataSubject, PersonalDataContributor } from '../privacy/contributor.ts'

export const mailPersonalData = (sealer: FieldSealer): PersonalDataContributor => ({
  name: 'mail',
  async collect(db, subject) {
    const rows = await db
      .selectFrom('mail_outbox')
      .select(['id', 'subject', 'text_body', 'status', 'created_at as createdAt', 'sent_at as sentAt'])
      .where('to_address', 'in', emailsOf(subject))
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map(({ text_body, ...row }) => ({ ...row, text: sealer.open('text_body', row.id, text_body) }))
  },
  async erase(trx, subject) {
    await trx.deleteFrom('mail_outbox').where('to_address', 'in', emailsOf(subject)).execute()
  },
})

function emailsOf(subject: DataSubject): string[] {
  return [subject.email, ...(subject.otherEmails ?? [])]
}
