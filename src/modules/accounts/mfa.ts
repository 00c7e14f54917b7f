/**
 * Multi-factor login with TOTP (RFC 6238: SHA-1, 6 digits, 30 s steps, ±1 step of clock drift) and
 * single-use recovery codes. Secrets are encrypted at rest with the rotating ENCRYPTION_KEYS cipher
 * (`totpEncryptedColumns`); each accepted step is remembered so a code cannot be replayed.
 */
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'
import { newId } from '../../platform/db/ids.ts'
import type { Db } from '../../platform/db/types.ts'
import { conflict, invalid } from '../../platform/errors.ts'
import type { Actor } from '../../platform/security/actor.ts'
import type { FieldSealer } from '../../platform/security/encrypted-columns.ts'
import { recordAudit } from './audit.ts'
import { hashToken, newRecoveryCodes, normaliseRecoveryCode } from './crypto.ts'
import type { PasswordCheck } from './passwords-check.ts'
import type { ClientInfo } from './sessions.ts'
import * as store from './store.ts'

export const TOTP_PERIOD_S = 30
/** Codes one step either side of now are accepted (clock drift), and no further. */
export const TOTP_WINDOW = 1

/** The time step a code for `delta` steps from `now` belongs to. Pure. */
export function totpStep(now: number, delta = 0): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_S) + delta
}

export function totpFor(secretBase32: string, label = '', issuer = 'Backroom'): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_S,
    secret: Secret.fromBase32(secretBase32),
  })
}

/** The step a code matches at `now`, or undefined. Does not check replay. */
export function matchTotp(secretBase32: string, code: string, now: number): number | undefined {
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: now, window: TOTP_WINDOW })
  return delta === null ? undefined : totpStep(now, delta)
}

export function createMfaService(deps: { db: Db; sealer: FieldSealer; passwords: PasswordCheck; issuer: string }) {
  const { db, sealer, passwords, issuer } = deps
  return { begin, confirm, disable, regenerateRecoveryCodes, verifyTotp, useRecoveryCode }

  async function begin(actor: Actor) {
    const user = await passwords.getUser(actor.userId!)
    if (user.mfa_enabled) throw conflict('mfa-already-enabled', 'Multi-factor login is already enabled')
    const secret = new Secret({ size: 20 }).base32
    await store.updateUser(db, user.id, { totp_pending_secret: sealer.seal('totp_pending_secret', user.id, secret) })
    const otpauthUri = totpFor(secret, user.email, issuer).toString()
    return { secret, otpauthUri, qrCode: await QRCode.toDataURL(otpauthUri) }
  }

  async function confirm(actor: Actor, code: string, client: ClientInfo, now: number) {
    const user = await passwords.getUser(actor.userId!)
    if (user.mfa_enabled) throw conflict('mfa-already-enabled', 'Multi-factor login is already enabled')
    if (!user.totp_pending_secret) throw conflict('mfa-not-enrolled', 'Start enrolment first')
    const secret = sealer.open('totp_pending_secret', user.id, user.totp_pending_secret)
    const step = matchTotp(secret, code, now)
    if (step === undefined) throw invalid('invalid-mfa-code', 'The code does not match; check the device clock')
    const codes = newRecoveryCodes()
    await db.transaction().execute(async (trx) => {
      await store.updateUser(trx, user.id, {
        mfa_enabled: 1,
        totp_secret: sealer.seal('totp_secret', user.id, secret), // bound to its column: re-sealed, not copied
        totp_pending_secret: null,
        totp_last_step: step,
        updated_at: now,
      })
      await store.replaceRecoveryCodes(
        trx,
        user.id,
        codes.map((c) => recoveryRow(user.id, c)),
      )
      await recordAudit(trx, { type: 'mfa.enabled', userId: user.id, ip: client.ip }, now)
    })
    return { recoveryCodes: codes }
  }

  async function disable(actor: Actor, password: string, client: ClientInfo, now: number) {
    const user = await passwords.checkCurrent(actor.userId!, password, client, now)
    if (!user.mfa_enabled) throw conflict('mfa-not-enabled', 'Multi-factor login is not enabled')
    await db.transaction().execute(async (trx) => {
      await store.updateUser(trx, user.id, {
        mfa_enabled: 0,
        totp_secret: null,
        totp_pending_secret: null,
        totp_last_step: null,
        updated_at: now,
      })
      await store.replaceRecoveryCodes(trx, user.id, [])
      await recordAudit(trx, { type: 'mfa.disabled', userId: user.id, ip: client.ip }, now)
    })
  }

  async function regenerateRecoveryCodes(actor: Actor, password: string, client: ClientInfo, now: number) {
    const user = await passwords.checkCurrent(actor.userId!, password, client, now)
    if (!user.mfa_enabled) throw conflict('mfa-not-enabled', 'Multi-factor login is not enabled')
    const codes = newRecoveryCodes()
    await db.transaction().execute(async (trx) => {
      await store.replaceRecoveryCodes(
        trx,
        user.id,
        codes.map((c) => recoveryRow(user.id, c)),
      )
      await recordAudit(
        trx,
        { type: 'mfa.enabled', userId: user.id, ip: client.ip, data: { recoveryCodes: 'regenerated' } },
        now,
      )
    })
    return { recoveryCodes: codes }
  }

  /** Accepts a TOTP code for a user with MFA enabled, once per time step. */
  async function verifyTotp(user: store.UserRow, code: string, now: number): Promise<boolean> {
    if (!user.mfa_enabled || !user.totp_secret) return false
    const step = matchTotp(sealer.open('totp_secret', user.id, user.totp_secret), code, now)
    if (step === undefined) return false
    return store.advanceTotpStep(db, user.id, step)
  }

  async function useRecoveryCode(user: store.UserRow, code: string, client: ClientInfo, now: number): Promise<boolean> {
    if (!user.mfa_enabled) return false
    const used = await store.useRecoveryCode(db, user.id, hashToken(normaliseRecoveryCode(code)), now)
    if (used) {
      const left = await store.countUnusedRecoveryCodes(db, user.id)
      await recordAudit(db, { type: 'mfa.recovery-code-used', userId: user.id, ip: client.ip, data: { left } }, now)
    }
    return used
  }
}
export type MfaService = ReturnType<typeof createMfaService>

function recoveryRow(userId: string, code: string): store.RecoveryCodeTable {
  return { id: newId('rec'), user_id: userId, code_hash: hashToken(normaliseRecoveryCode(code)), used_at: null }
}
