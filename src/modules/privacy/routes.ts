/** Personal-data download and erasure, for oneself (/me) and by staff for a customer (/admin/customers/…). */
import type { App } from '../../platform/http/types.ts'
import { limits } from '../../platform/security/rate-limits.ts'
import type { PasswordCheck } from '../accounts/passwords-check.ts'
import { clientOf } from '../accounts/routes.ts'
import { ErasureBody, ErasureView, PersonalDataView, SubjectParams } from './schemas.ts'
import type { PrivacyService } from './service.ts'

export async function privacyRoutes(
  app: App,
  { privacy, passwords }: { privacy: PrivacyService; passwords: PasswordCheck },
) {
  const tags = ['privacy']
  const staff = { permission: 'privacy:manage' } as const

  app.get(
    '/me/personal-data',
    {
      schema: { summary: 'Download everything held about me (JSON)', tags, response: { 200: PersonalDataView } },
      config: { auth: 'customer', rateLimit: limits.heavy, formats: ['json'] },
    },
    async (req, reply) => {
      reply.header('content-disposition', 'attachment; filename="personal-data.json"')
      return privacy.exportData(req.actor.userId!, req.actor.userId)
    },
  )

  app.post(
    '/me/personal-data/erasure',
    {
      schema: {
        summary: 'Erase my account and personal data (orders are kept without it)',
        description: 'Signs out everywhere; the account can no longer sign in. Needs the current password.',
        tags,
        body: ErasureBody,
        response: { 200: ErasureView },
      },
      config: { auth: 'customer', rateLimit: limits.auth },
    },
    async (req) => {
      await passwords.checkCurrent(req.actor.userId!, req.body.password, clientOf(req), Date.now())
      return privacy.erase(req.actor.userId!, req.actor.userId)
    },
  )

  app.get(
    '/admin/customers/:userId/personal-data',
    {
      schema: {
        summary: "A customer's personal data (staff)",
        tags,
        params: SubjectParams,
        response: { 200: PersonalDataView },
      },
      config: { auth: staff, rateLimit: limits.heavy, formats: ['json'] },
    },
    (req) => privacy.exportData(req.params.userId, req.actor.userId ?? req.actor.apiKeyId),
  )

  app.post(
    '/admin/customers/:userId/erasure',
    {
      schema: {
        summary: "Erase a customer's personal data (staff)",
        tags,
        params: SubjectParams,
        response: { 200: ErasureView },
      },
      config: { auth: staff, rateLimit: limits.write },
    },
    (req) => privacy.erase(req.params.userId, req.actor.userId ?? req.actor.apiKeyId),
  )
}
