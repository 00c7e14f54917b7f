/**
 * Personal-data requests: a customer (or staff for them) downloads everything held about them, or
 * has it erased. Erasure runs every module's contributor in one transaction: personal data is deleted
 * or anonymised, financial records of orders and payments stay without personal data, sessions end.
 * Each run is written to the audit log.
 */
import type { Db } from '../../platform/db/types.ts'
import { notFound } from '../../platform/errors.ts'
import type { AuditEntry } from '../accounts/audit.ts'
import type { DataSubject, PersonalDataContributor } from './contributor.ts'

export const privacyProblems = {
  'subject-not-found': { title: 'Account not found', description: 'No account has this id.' },
}

export interface PersonalDataExport {
  generatedAt: number
  subject: { userId: string; email: string }
  sections: Record<string, unknown>
}

export function createPrivacyService(deps: {
  db: Db
  contributors: readonly PersonalDataContributor[]
  findSubject: (db: Db, userId: string) => Promise<DataSubject | undefined>
  audit: (db: Db, entry: AuditEntry, now: number) => Promise<void>
  /** Runs after the erasure commits: makes the erased bytes unrecoverable where it can (scrub.ts). */
  scrub?: () => Promise<void>
  now?: () => number
}) {
  const { db, contributors, findSubject, audit } = deps
  const now = deps.now ?? Date.now
  return { exportData, erase }

  /** Everything held about `userId`; `actorId` is who asked (the person, or a staff member). */
  async function exportData(userId: string, actorId: string | null): Promise<PersonalDataExport> {
    await flushAll()
    const subject = await subjectOf(db, userId)
    const sections: Record<string, unknown> = {}
    for (const contributor of contributors) sections[contributor.name] = await contributor.collect(db, subject)
    const at = now()
    await audit(db, { type: 'privacy.exported', userId, actorId: actorId === userId ? null : actorId }, at)
    return { generatedAt: at, subject: { userId: subject.userId, email: subject.email }, sections }
  }

  async function erase(userId: string, actorId: string | null): Promise<{ erased: true; at: number }> {
    await flushAll()
    const at = now()
    await db.transaction().execute(async (trx) => {
      const subject = await subjectOf(trx, userId)
      for (const contributor of contributors) await contributor.erase(trx, subject, at)
      await audit(trx, { type: 'privacy.erased', userId, actorId: actorId === userId ? null : actorId }, at)
    })
    await deps.scrub?.()
    return { erased: true, at }
  }

  /** What contributors hold in memory goes to the database before a request reads or erases it. */
  async function flushAll(): Promise<void> {
    for (const contributor of contributors) await contributor.flush?.()
  }

  async function subjectOf(trx: Db, userId: string): Promise<DataSubject> {
    const subject = await findSubject(trx, userId)
    if (!subject) throw notFound('subject-not-found', 'No account has this id')
    const others = new Set<string>()
    for (const contributor of contributors) {
      for (const email of (await contributor.aliases?.(trx, subject)) ?? []) others.add(email)
    }
    others.delete(subject.email)
    return { ...subject, otherEmails: [...others].sort() }
  }
}

export type PrivacyService = ReturnType<typeof createPrivacyService>
