/** Staff read outgoing mail (the development transport's mailbox, and delivery status for SMTP). */
import type { App } from '../../platform/http/types.ts'
import { limits } from '../../platform/security/rate-limits.ts'
import { MailList, MailQuery } from './schemas.ts'
import type { MailService } from './service.ts'

export const mailProblems = {}

export async function mailRoutes(app: App, { mail }: { mail: MailService }) {
  app.get(
    '/admin/mail',
    {
      schema: {
        summary: 'Outgoing mail, newest first (with the development transport, this is the mailbox)',
        tags: ['mail'],
        querystring: MailQuery,
        response: { 200: MailList },
      },
      config: { auth: { permission: 'mail:read' }, rateLimit: limits.read },
    },
    (req) => mail.list(req.query),
  )
}
