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
}

export interface PersonalDataContributor {
  /** The section name in the download (`orders`, `addresses`, …). */
  name: string
  collect(db: Db, subject: DataSubject): Promise<unknown>
  /** Erases or anonymises; financial records keep their amounts but lose what identifies the person. */
  erase(trx: Db, subject: DataSubject, now: number): Promise<void>
}
