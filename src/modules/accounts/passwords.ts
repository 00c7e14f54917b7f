/**
 * Password hashing (argon2id, OWASP Password Storage Cheat Sheet parameters: m=19 MiB, t=2, p=1),
 * rehash detection, and the password policy (length plus zxcvbn-ts strength, which knows the common
 * password lists, keyboard patterns and l33t variants).
 */
import { hash, parseOptions, verify } from '@node-rs/argon2'
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common'

export interface HashParams {
  memoryCost: number
  timeCost: number
  parallelism: number
}

/** OWASP's first argon2id configuration. Changing these rehashes each password at its next sign-in. */
export const ARGON2_PARAMS: HashParams = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }
const ARGON2ID = 2 // Algorithm.Argon2id; the package's const enum is not available under type stripping

export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 128
/** zxcvbn score 0–4; 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
export const PASSWORD_MIN_SCORE = 3

export function hashPassword(password: string, params: HashParams = ARGON2_PARAMS): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...params })
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

/** Whether a stored hash was made with other parameters than `params` (or another algorithm). */
export function needsRehash(stored: string, params: HashParams = ARGON2_PARAMS): boolean {
  try {
    const o = parseOptions(stored)
    return (
      o.algorithm !== ARGON2ID ||
      o.memoryCost !== params.memoryCost ||
      o.timeCost !== params.timeCost ||
      o.parallelism !== params.parallelism
    )
  } catch {
    return true
  }
}

let dummy: Promise<string> | undefined
/** A hash of nothing, verified when the email is unknown so both failures cost the same work. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('backroom-dummy-password-for-timing')
  return dummy
}

let zxcvbn: ZxcvbnFactory | undefined

/** Why a password is refused, or undefined when it is acceptable. Pure (no I/O). */
export function passwordProblem(password: string, userInputs: string[] = []): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters`
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters`
  zxcvbn ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs })
  const result = zxcvbn.check(password, userInputs)
  if (result.score >= PASSWORD_MIN_SCORE) return undefined
  const hint = result.feedback.warning ? ` (${result.feedback.warning})` : ''
  return `This password is too easy to guess${hint}; try a longer phrase of uncommon words`
}

/** Emails are compared trimmed and in lower case (unique case-insensitively). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}
