/** Accounts over HTTP: sign-up and sign-in, sessions, verification, password reset and MFA. */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { isAppError } from '../../platform/errors.ts'
import type { App } from '../../platform/http/types.ts'
import { limits } from '../../platform/security/rate-limits.ts'
import { SESSION_COOKIE } from './authenticator.ts'
import type { MfaService } from './mfa.ts'
import {
  AcceptedView,
  ChangePasswordBody,
  CodeBody,
  EmailBody,
  MeView,
  MfaSignInBody,
  PasswordBody,
  RecoveryCodesView,
  ResetBody,
  SessionList,
  SessionParams,
  SignInBody,
  SignInView,
  SignUpBody,
  TokenBody,
  TotpEnrolmentView,
} from './schemas.ts'
import type { AccountService } from './service.ts'
import type { ClientInfo, SessionPolicy, SessionService } from './sessions.ts'

const NoContent = Type.Null({ description: 'Done; no body' })

export function clientOf(req: FastifyRequest): ClientInfo {
  const ua = req.headers['user-agent']
  return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua : null }
}

export async function accountRoutes(
  app: App,
  deps: {
    accounts: AccountService
    sessions: SessionService
    mfa: MfaService
    policy: SessionPolicy
    secureCookies: boolean
    /** Merges a guest cart into the signed-in account's cart; returns that cart's id (carts module). */
    mergeGuestCart?: (userId: string, cart: { id: string; token: string }) => Promise<string>
  },
) {
  const { accounts, sessions, mfa } = deps
  const tags = ['accounts']

  /** With `session: 'cookie'` the token goes into an HttpOnly cookie and not into the body (so page scripts never see it). */
  async function deliver(
    reply: FastifyReply,
    body: { session?: 'bearer' | 'cookie'; guestCart?: { id: string; token: string } },
    signedIn: Awaited<ReturnType<AccountService['signIn']>>,
  ) {
    const mode = body.session
    const view = await withMergedCart(signedIn, body.guestCart)
    if (mode !== 'cookie' || !view.token) return view
    reply.setCookie(SESSION_COOKIE, view.token, {
      httpOnly: true,
      secure: deps.secureCookies,
      sameSite: 'lax',
      path: '/',
      maxAge: Math.floor(deps.policy.absoluteMs / 1000),
    })
    const { token: _token, ...rest } = view
    return rest
  }
  /** Merged at sign-in, so the cart a guest filled follows them; a stale cart never fails the sign-in. */
  async function withMergedCart(
    view: Awaited<ReturnType<AccountService['signIn']>>,
    cart?: { id: string; token: string },
  ) {
    if (!cart || !view.user || view.status !== 'signed-in' || !deps.mergeGuestCart) return view
    try {
      return { ...view, cartId: await deps.mergeGuestCart(view.user.id, cart) }
    } catch (error) {
      if (isAppError(error)) return view
      throw error
    }
  }
  function clearCookie(req: FastifyRequest, reply: FastifyReply) {
    if (req.cookies?.[SESSION_COOKIE])
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, secure: deps.secureCookies, sameSite: 'lax' })
  }

  app.post(
    '/auth/sign-up',
    {
      schema: {
        summary: 'Create a customer account (the answer is the same whether or not the email is taken)',
        tags,
        body: SignUpBody,
        response: { 202: AcceptedView },
      },
      config: { auth: 'public', rateLimit: limits.auth },
    },
    async (req, reply) => reply.code(202).send(await accounts.signUp(req.body, clientOf(req), Date.now())),
  )

  app.post(
    '/auth/sign-in',
    {
      schema: {
        summary: 'Sign in with email and password; a second step follows when MFA is on',
        tags,
        body: SignInBody,
        response: { 200: SignInView },
      },
      config: { auth: 'public', rateLimit: limits.auth },
    },
    async (req, reply) => deliver(reply, req.body, await accounts.signIn(req.body, clientOf(req), Date.now())),
  )

  app.post(
    '/auth/sign-in/mfa',
    {
      schema: {
        summary: 'Second sign-in step: an authenticator code or a recovery code',
        tags,
        body: MfaSignInBody,
        response: { 200: SignInView },
      },
      config: { auth: 'public', rateLimit: limits.auth },
    },
    async (req, reply) => deliver(reply, req.body, await accounts.completeMfa(req.body, clientOf(req), Date.now())),
  )

  app.post(
    '/auth/sign-out',
    {
      schema: { summary: 'End this session', tags, response: { 204: NoContent } },
      config: { auth: 'customer', rateLimit: limits.write },
    },
    async (req, reply) => {
      await sessions.revoke(req.actor, req.actor.sessionId!, clientOf(req), Date.now())
      clearCookie(req, reply)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/auth/sign-out-everywhere',
    {
      schema: { summary: 'End every session of this account', tags, response: { 204: NoContent } },
      config: { auth: 'customer', rateLimit: limits.write },
    },
    async (req, reply) => {
      await sessions.revokeAll(req.actor, clientOf(req), Date.now())
      clearCookie(req, reply)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/auth/me',
    {
      schema: { summary: 'The signed-in account and its permissions', tags, response: { 200: MeView } },
      config: { auth: 'customer', rateLimit: limits.read },
    },
    (req) => accounts.me(req.actor),
  )

  app.get(
    '/auth/sessions',
    {
      schema: { summary: 'Live sessions of this account', tags, response: { 200: SessionList } },
      config: { auth: 'customer', rateLimit: limits.read },
    },
    (req) => sessions.list(req.actor, Date.now()),
  )

  app.delete(
    '/auth/sessions/:sessionId',
    {
      schema: {
        summary: 'Revoke one of this account’s sessions',
        tags,
        params: SessionParams,
        response: { 204: NoContent },
      },
      config: { auth: 'customer', rateLimit: limits.write },
    },
    async (req, reply) => {
      await sessions.revoke(req.actor, req.params.sessionId, clientOf(req), Date.now())
      if (req.params.sessionId === req.actor.sessionId) clearCookie(req, reply)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/auth/verify-email/request',
    {
      schema: { summary: 'Send a new verification email', tags, response: { 202: AcceptedView } },
      config: { auth: 'customer', rateLimit: limits.auth },
    },
    async (req, reply) => reply.code(202).send(await accounts.requestVerification(req.actor, Date.now())),
  )

  app.post(
    '/auth/verify-email',
    {
      schema: {
        summary: 'Verify the email with the mailed token (single use)',
        tags,
        body: TokenBody,
        response: { 204: NoContent },
      },
      config: { auth: 'public', rateLimit: limits.auth },
    },
    async (req, reply) => {
      await accounts.verifyEmail(req.body.token, clientOf(req), Date.now())
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/auth/password-reset/request',
    {
      schema: {
        summary: 'Mail a password reset token (the answer is the same for unknown emails)',
        tags,
        body: EmailBody,
        response: { 202: AcceptedView },
      },
      config: { auth: 'public', rateLimit: limits.auth },
    },
    async (req, reply) =>
      reply.code(202).send(await accounts.requestPasswordReset(req.body.email, clientOf(req), Date.now())),
  )

  app.post(
    '/auth/password-reset',
    {
      schema: {
        summary: 'Set a new password with the mailed token; every session of the account ends',
        tags,
        body: ResetBody,
        response: { 204: NoContent },
      },
      config: { auth: 'public', rateLimit: limits.auth },
    },
    async (req, reply) => {
      await accounts.resetPassword(req.body.token, req.body.password, clientOf(req), Date.now())
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/auth/password',
    {
      schema: {
        summary: 'Change the password (other sessions end)',
        tags,
        body: ChangePasswordBody,
        response: { 204: NoContent },
      },
      config: { auth: 'customer', rateLimit: limits.auth },
    },
    async (req, reply) => {
      await accounts.changePassword(req.actor, req.body, clientOf(req), Date.now())
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/auth/mfa/totp',
    {
      schema: {
        summary: 'Start TOTP enrolment: a secret, its otpauth URI and a QR code',
        tags,
        response: { 200: TotpEnrolmentView },
      },
      config: { auth: 'customer', rateLimit: limits.auth },
    },
    (req) => mfa.begin(req.actor),
  )

  app.post(
    '/auth/mfa/totp/confirm',
    {
      schema: {
        summary: 'Confirm enrolment with a current code; returns recovery codes (shown once)',
        tags,
        body: CodeBody,
        response: { 200: RecoveryCodesView },
      },
      config: { auth: 'customer', rateLimit: limits.auth },
    },
    (req) => mfa.confirm(req.actor, req.body.totpCode, clientOf(req), Date.now()),
  )

  app.post(
    '/auth/mfa/totp/disable',
    {
      schema: {
        summary: 'Turn multi-factor login off (password required)',
        tags,
        body: PasswordBody,
        response: { 204: NoContent },
      },
      config: { auth: 'customer', rateLimit: limits.auth },
    },
    async (req, reply) => {
      await mfa.disable(req.actor, req.body.password, clientOf(req), Date.now())
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/auth/mfa/recovery-codes',
    {
      schema: {
        summary: 'Replace the recovery codes (password required; the old ones stop working)',
        tags,
        body: PasswordBody,
        response: { 200: RecoveryCodesView },
      },
      config: { auth: 'customer', rateLimit: limits.auth },
    },
    (req) => mfa.regenerateRecoveryCodes(req.actor, req.body.password, clientOf(req), Date.now()),
  )
}
