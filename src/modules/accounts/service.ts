/**
 * Sign-up, sign-in (with the MFA second step), email verification, password reset and change.
 * Every sign-in failure looks the same and costs the same argon2 work (OWASP Authentication Cheat Sheet).
 */
import { newId } from '../../platform/db/ids.ts'
import type { Db } from '../../platform/db/types.ts'
import { badRequest, conflict, invalid, unauthorized } from '../../platform/errors.ts'
import type { Actor } from '../../platform/security/actor.ts'
import { ROLE_PERMISSIONS } from '../../platform/security/permissions.ts'
import type { EnqueueMail } from '../mail/service.ts'
import type { AttemptKey, AttemptLimiter } from './attempts.ts'
import { recordAudit } from './audit.ts'
import { hashToken, newToken } from './crypto.ts'
import type { MfaService } from './mfa.ts'
import { dummyHash, hashPassword, needsRehash, normaliseEmail, passwordProblem, verifyPassword } from './passwords.ts'
import type { PasswordCheck } from './passwords-check.ts'
import type {
  AcceptedView,
  ChangePasswordBody,
  MeView,
  MfaSignInBody,
  SignInBody,
  SignInView,
  SignUpBody,
} from './schemas.ts'
import type { ClientInfo, SessionService } from './sessions.ts'
import * as store from './store.ts'
import { toUserView } from './users.ts'

const MINUTE = 60_000
export const TOKEN_TTL = {
  'verify-email': 24 * 60 * MINUTE,
  'reset-password': 30 * MINUTE,
  'mfa-login': 5 * MINUTE,
} as const
type TokenPurpose = keyof typeof TOKEN_TTL
/** Wrong codes allowed on one MFA challenge before the password must be entered again. */
const MFA_CHALLENGE_ATTEMPTS = 5

const BAD_CREDENTIALS = 'The email or password is wrong'

export function createAccountService(deps: {
  db: Db
  sessions: SessionService
  mfa: MfaService
  limiter: AttemptLimiter
  passwords: PasswordCheck
  publicUrl: string
  /** Told, in the sign-up transaction, of each new customer account (webhooks: customer.created). */
  onCustomerCreated?: (trx: Db, customer: { id: string; email: string; createdAt: number }) => Promise<void>
  /** Writes to the mail outbox (sealed) in the caller's transaction. */
  enqueueMail: EnqueueMail
}) {
  const { db, sessions, mfa, limiter, passwords, enqueueMail } = deps
  return {
    signUp,
    signIn,
    completeMfa,
    me,
    requestVerification,
    verifyEmail,
    requestPasswordReset,
    resetPassword,
    changePassword,
  }

  async function signUp(input: SignUpBody, client: ClientInfo, now: number): Promise<AcceptedView> {
    const email = normaliseEmail(input.email)
    checkPolicy(input.password, email)
    const passwordHash = await hashPassword(input.password)
    await db.transaction().execute(async (trx) => {
      const id = newId('usr', now)
      const inserted = await store.insertUser(trx, newUserRow(id, email, passwordHash, 'customer', now))
      if (inserted) {
        await recordAudit(trx, { type: 'user.signed-up', userId: id, ip: client.ip }, now)
        await sendVerification(trx, id, email, now)
        await deps.onCustomerCreated?.(trx, { id, email, createdAt: now })
      } else {
        // Same answer either way (no enumeration); the owner learns of the attempt by mail.
        await enqueueMail(
          trx,
          {
            to: email,
            subject: 'You already have a Backroom account',
            text: 'Someone (hopefully you) tried to sign up with this email. You already have an account: sign in, or reset your password if you forgot it.',
          },
          now,
        )
      }
    })
    return { status: 'accepted', detail: 'Check your email to verify the address, then sign in' }
  }

  async function signIn(input: SignInBody, client: ClientInfo, now: number): Promise<SignInView> {
    const email = normaliseEmail(input.email)
    const keys: AttemptKey[] = [
      { kind: 'login:account', subject: email },
      { kind: 'login:ip', subject: client.ip ?? '-' },
    ]
    await limiter.guard(keys, now)
    const user = await store.findUserByEmail(db, email)
    const matches = await verifyPassword(user?.password_hash ?? (await dummyHash()), input.password)
    if (!user || !matches || user.disabled_at !== null) {
      await limiter.record(keys, now)
      await recordAudit(db, { type: 'login.failed', userId: user?.id ?? null, ip: client.ip, data: { email } }, now)
      throw unauthorized('bad-credentials', BAD_CREDENTIALS)
    }
    await limiter.clear(keys[0])
    if (needsRehash(user.password_hash)) {
      await store.updateUser(db, user.id, { password_hash: await hashPassword(input.password), updated_at: now })
    }
    if (user.mfa_enabled) {
      const mfaToken = await issueToken(db, user.id, 'mfa-login', now)
      return { status: 'mfa-required', mfaToken }
    }
    return startSession(user, client, now, { mfa: 'none' })
  }

  async function completeMfa(input: MfaSignInBody, client: ClientInfo, now: number): Promise<SignInView> {
    if ((input.totpCode === undefined) === (input.recoveryCode === undefined)) {
      throw badRequest('validation-failed', 'Send either totpCode or recoveryCode', {
        errors: [{ in: 'body', pointer: '/totpCode', detail: 'send exactly one of totpCode and recoveryCode' }],
      })
    }
    const challenge = await store.findToken(db, 'mfa-login', hashToken(input.mfaToken))
    if (
      !challenge ||
      challenge.used_at !== null ||
      challenge.expires_at <= now ||
      challenge.attempts >= MFA_CHALLENGE_ATTEMPTS
    ) {
      throw unauthorized('mfa-challenge-expired', 'Sign in again with email and password')
    }
    const user = await passwords.getUser(challenge.user_id)
    if (user.disabled_at !== null) throw unauthorized('mfa-challenge-expired', 'Sign in again with email and password')
    const keys: AttemptKey[] = [
      { kind: 'mfa:account', subject: user.id },
      { kind: 'mfa:ip', subject: client.ip ?? '-' },
    ]
    await limiter.guard(keys, now)
    const ok = input.totpCode
      ? await mfa.verifyTotp(user, input.totpCode, now)
      : await mfa.useRecoveryCode(user, input.recoveryCode!, client, now)
    if (!ok) {
      await store.countTokenAttempt(db, challenge.id)
      await limiter.record(keys, now)
      await recordAudit(db, { type: 'login.mfa-failed', userId: user.id, ip: client.ip }, now)
      throw unauthorized('invalid-mfa-code', 'The code is wrong, expired or already used')
    }
    if (!(await store.consumeToken(db, challenge.id, now))) {
      throw unauthorized('mfa-challenge-expired', 'Sign in again with email and password')
    }
    await limiter.clear(keys[0])
    return startSession(user, client, now, { mfa: input.totpCode ? 'totp' : 'recovery-code' })
  }

  async function me(actor: Actor): Promise<MeView> {
    const view = toUserView(await passwords.getUser(actor.userId!))
    return { ...view, permissions: [...ROLE_PERMISSIONS[view.role]] }
  }

  async function requestVerification(actor: Actor, now: number): Promise<AcceptedView> {
    const user = await passwords.getUser(actor.userId!)
    if (user.email_verified_at !== null) throw conflict('email-already-verified', 'The email is already verified')
    await db.transaction().execute((trx) => sendVerification(trx, user.id, user.email, now))
    return { status: 'accepted', detail: 'A verification email is on its way' }
  }

  async function verifyEmail(token: string, client: ClientInfo, now: number): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const row = await takeToken(trx, 'verify-email', token, now)
      await store.updateUser(trx, row.user_id, { email_verified_at: now, updated_at: now })
      await recordAudit(trx, { type: 'email.verified', userId: row.user_id, ip: client.ip }, now)
    })
  }

  async function requestPasswordReset(email: string, client: ClientInfo, now: number): Promise<AcceptedView> {
    const normalised = normaliseEmail(email)
    await limiter.record(
      [
        { kind: 'reset:account', subject: normalised },
        { kind: 'reset:ip', subject: client.ip ?? '-' },
      ],
      now,
      { throwOver: true },
    )
    const user = await store.findUserByEmail(db, normalised)
    await db.transaction().execute(async (trx) => {
      if (!user || user.disabled_at !== null) {
        // Same work and answer as for an account (no enumeration), and the address owner is told.
        await enqueueMail(
          trx,
          {
            to: normalised,
            subject: 'Password reset requested',
            text: 'Someone asked to reset the password of a Backroom account with this email, but no such account exists. You can ignore this message.',
          },
          now,
        )
        return
      }
      await store.expireTokens(trx, user.id, 'reset-password', now)
      const token = await issueToken(trx, user.id, 'reset-password', now)
      await enqueueMail(
        trx,
        {
          to: user.email,
          subject: 'Reset your Backroom password',
          text: [
            'Someone (hopefully you) asked to reset your password. It is valid for 30 minutes and works once.',
            '',
            `Reset token: ${token}`,
            '',
            `POST ${deps.publicUrl}/auth/password-reset with {"token": "…", "password": "…"}`,
            'If it was not you, ignore this message; your password is unchanged.',
          ].join('\n'),
        },
        now,
      )
      await recordAudit(trx, { type: 'password.reset-requested', userId: user.id, ip: client.ip }, now)
    })
    return { status: 'accepted', detail: 'If an account has this email, a reset link is on its way' }
  }

  async function resetPassword(token: string, password: string, client: ClientInfo, now: number): Promise<void> {
    const row = await store.findToken(db, 'reset-password', hashToken(token))
    const user = row ? await store.findUser(db, row.user_id) : undefined
    if (!row || !user || row.used_at !== null || row.expires_at <= now) {
      throw invalid('invalid-token', 'The reset token is unknown, expired or already used')
    }
    checkPolicy(password, user.email)
    const passwordHash = await hashPassword(password)
    await db.transaction().execute(async (trx) => {
      if (!(await store.consumeToken(trx, row.id, now))) {
        throw invalid('invalid-token', 'The reset token is unknown, expired or already used')
      }
      // The mail proved control of the address, so it counts as verified.
      await store.updateUser(trx, user.id, {
        password_hash: passwordHash,
        email_verified_at: user.email_verified_at ?? now,
        updated_at: now,
      })
      const revoked = await store.revokeAllSessions(trx, user.id, now)
      await store.expireTokens(trx, user.id, 'mfa-login', now)
      await recordAudit(
        trx,
        { type: 'password.reset', userId: user.id, ip: client.ip, data: { sessionsRevoked: revoked } },
        now,
      )
    })
  }

  async function changePassword(
    actor: Actor,
    input: ChangePasswordBody,
    client: ClientInfo,
    now: number,
  ): Promise<void> {
    const user = await passwords.checkCurrent(actor.userId!, input.currentPassword, client, now)
    checkPolicy(input.newPassword, user.email)
    const passwordHash = await hashPassword(input.newPassword)
    await db.transaction().execute(async (trx) => {
      await store.updateUser(trx, user.id, { password_hash: passwordHash, updated_at: now })
      const revoked = await store.revokeAllSessions(trx, user.id, now, actor.sessionId)
      await recordAudit(
        trx,
        { type: 'password.changed', userId: user.id, ip: client.ip, data: { otherSessionsRevoked: revoked } },
        now,
      )
    })
  }

  // ---------------------------------------------------------------------------------------------

  async function startSession(
    user: store.UserRow,
    client: ClientInfo,
    now: number,
    data: { mfa: string },
  ): Promise<SignInView> {
    return db.transaction().execute(async (trx) => {
      const session = await sessions.create(user.id, client, now, trx)
      await recordAudit(
        trx,
        { type: 'login.succeeded', userId: user.id, ip: client.ip, data: { ...data, sessionId: session.id } },
        now,
      )
      return { status: 'signed-in', token: session.token, expiresAt: session.expiresAt, user: toUserView(user) }
    })
  }

  async function sendVerification(trx: Db, userId: string, email: string, now: number) {
    await store.expireTokens(trx, userId, 'verify-email', now)
    const token = await issueToken(trx, userId, 'verify-email', now)
    await enqueueMail(
      trx,
      {
        to: email,
        subject: 'Verify your Backroom email',
        text: [
          'Welcome to Backroom. Confirm this address within 24 hours:',
          '',
          `Verification token: ${token}`,
          '',
          `POST ${deps.publicUrl}/auth/verify-email with {"token": "…"}`,
        ].join('\n'),
      },
      now,
    )
  }

  /** A token that is valid, unused and unexpired, marked used in the same transaction. */
  async function takeToken(trx: Db, purpose: TokenPurpose, token: string, now: number) {
    const row = await store.findToken(trx, purpose, hashToken(token))
    if (!row || row.used_at !== null || row.expires_at <= now || !(await store.consumeToken(trx, row.id, now))) {
      throw invalid('invalid-token', 'The token is unknown, expired or already used')
    }
    return row
  }
}
export type AccountService = ReturnType<typeof createAccountService>

/** A single-use token for `purpose`; only its hash is stored. */
export async function issueToken(db: Db, userId: string, purpose: TokenPurpose, now: number): Promise<string> {
  const token = newToken()
  await store.insertToken(db, {
    id: newId('tok', now),
    user_id: userId,
    purpose,
    token_hash: hashToken(token),
    expires_at: now + TOKEN_TTL[purpose],
    used_at: null,
    attempts: 0,
    created_at: now,
  })
  return token
}

export function checkPolicy(password: string, email: string): void {
  const problem = passwordProblem(password, [email, email.split('@')[0], 'backroom'])
  if (problem) throw invalid('weak-password', problem)
}

export function newUserRow(
  id: string,
  email: string,
  passwordHash: string,
  role: string,
  now: number,
): store.AppUserTable {
  return {
    id,
    email,
    password_hash: passwordHash,
    role,
    email_verified_at: null,
    disabled_at: null,
    mfa_enabled: 0,
    totp_secret: null,
    totp_pending_secret: null,
    totp_last_step: null,
    created_at: now,
    updated_at: now,
  }
}
