/**
 * How a module takes part in personal-data requests. Each module that holds data about a person
 * exports a contributor: what it holds about the subject (for the download), and how it erases or
 * anonymises it (inside the erasure transaction). app.ts hands the list to the privacy service.
 */
import type { Db } from '../../platform/db/types.ts'

export interface DataSubject {
  userId: string
  /** The account's email, as it is before erasure (guest orders and mail are found by it). */
  email: string
  /**
   * Other addresses the person used (an order placed with another email while signed in), gathered
   * from every contributor's `aliases` before anything is erased: mail and webhooks sent there are theirs too.
   */
  otherEmails?: readonly string[]
}

export interface PersonalDataContributor {
  /** The section name in the download (`orders`, `addresses`, …). */
  name: string
  collect(db: Db, subject: DataSubject): Promise<unknown>
  /** Other email addresses this module knows the subject by (optional). */
  aliases?(db: Db, subject: DataSubject): Promise<string[]>
  /**
   * Writes what the module still holds in memory for the database (buffered analytics events), so the
   * download and the erasure that follow find it; called before either, outside any transaction (optional).
   */
  flush?(): Promise<void>
  /** Erases or anonymises; financial records keep their amounts but lose what identifies the person. */
  erase(trx: Db, subject: DataSubject, now: number): Promise<void>
}
