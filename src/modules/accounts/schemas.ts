/** The accounts API contract: TypeBox shapes for validation, serialization, XML and OpenAPI. */
import { type Static, Type } from 'typebox'
import { Email, Id, Line, Timestamp } from '../../platform/http/schemas.ts'
import {
  PERMISSIONS,
  type Permission as PermissionName,
  ROLES,
  type Role as RoleName,
} from '../../platform/security/permissions.ts'

const Password = Line({ minLength: 1, maxLength: 1024, description: 'Checked against the password policy' })
const Token = Line({ minLength: 16, maxLength: 200 })
const TotpCode = Type.String({ pattern: '^[0-9]{6}$', description: 'Six-digit authenticator code' })
const RecoveryCode = Line({ minLength: 10, maxLength: 20 })
const Role = Type.Unsafe<RoleName>({ type: 'string', enum: [...ROLES] })
const Permission = Type.Unsafe<PermissionName>({ type: 'string', enum: [...PERMISSIONS] })
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])

export const SignUpBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false })
export type SignUpBody = Static<typeof SignUpBody>

/** A guest cart to merge into the account's cart once signed in (its id and X-Cart-Token). */
const GuestCart = Type.Object(
  { id: Id, token: Line({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false, description: 'A guest cart to merge into your cart on sign-in' },
)

export const SignInBody = Type.Object(
  {
    email: Email,
    password: Password,
    guestCart: Type.Optional(GuestCart),
    session: Type.Optional(
      Type.Union([Type.Literal('bearer'), Type.Literal('cookie')], {
        description: 'bearer (default): the token is in the response; cookie: an HttpOnly cookie is set instead',
      }),
    ),
  },
  { additionalProperties: false },
)
export type SignInBody = Static<typeof SignInBody>

export const MfaSignInBody = Type.Object(
  {
    mfaToken: Token,
    totpCode: Type.Optional(TotpCode),
    recoveryCode: Type.Optional(RecoveryCode),
    session: SignInBody.properties.session,
    guestCart: Type.Optional(GuestCart),
  },
  { additionalProperties: false },
)
export type MfaSignInBody = Static<typeof MfaSignInBody>

export const UserView = Type.Object(
  {
    id: Id,
    email: Type.String(),
    role: Role,
    emailVerified: Type.Boolean(),
    mfaEnabled: Type.Boolean(),
    disabled: Type.Boolean(),
    createdAt: Timestamp,
  },
  { xml: { name: 'user' } },
)
export type UserView = Static<typeof UserView>

/** The signed-in account, with what its role lets it do (front-ends show only what the server allows). */
export const MeView = Type.Object(
  {
    ...UserView.properties,
    permissions: Type.Array(Permission, {
      maxItems: PERMISSIONS.length,
      description: 'The permissions of the account’s role; the server still judges every request',
    }),
  },
  { xml: { name: 'user' } },
)
export type MeView = Static<typeof MeView>

export const SignInView = Type.Object(
  {
    status: Type.Union([Type.Literal('signed-in'), Type.Literal('mfa-required')]),
    token: Type.Optional(Type.String({ description: 'Bearer session token (absent with session: cookie)' })),
    expiresAt: Type.Optional(Timestamp),
    mfaToken: Type.Optional(
      Type.String({ description: 'Send with a totpCode or recoveryCode to POST /auth/sign-in/mfa' }),
    ),
    user: Type.Optional(UserView),
    cartId: Type.Optional(Type.String({ description: 'Your cart, after the guest cart was merged into it' })),
  },
  { xml: { name: 'signIn' } },
)
export type SignInView = Static<typeof SignInView>

export const AcceptedView = Type.Object(
  { status: Type.Literal('accepted'), detail: Type.String() },
  { xml: { name: 'accepted' } },
)
export type AcceptedView = Static<typeof AcceptedView>

export const SessionView = Type.Object(
  {
    id: Id,
    current: Type.Boolean(),
    createdAt: Timestamp,
    lastSeenAt: Timestamp,
    expiresAt: Timestamp,
    ip: Nullable(Type.String()),
    userAgent: Nullable(Type.String()),
  },
  { xml: { name: 'session' } },
)
export type SessionView = Static<typeof SessionView>
export const SessionList = Type.Object({ items: Type.Array(SessionView) }, { xml: { name: 'sessions' } })
export const SessionParams = Type.Object({ sessionId: Id })

export const TokenBody = Type.Object({ token: Token }, { additionalProperties: false })
export const EmailBody = Type.Object({ email: Email }, { additionalProperties: false })
export const ResetBody = Type.Object({ token: Token, password: Password }, { additionalProperties: false })
export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
)
export type ChangePasswordBody = Static<typeof ChangePasswordBody>
export const PasswordBody = Type.Object({ password: Password }, { additionalProperties: false })
export const CodeBody = Type.Object({ totpCode: TotpCode }, { additionalProperties: false })

export const TotpEnrolmentView = Type.Object(
  {
    secret: Type.String({ description: 'Base32 secret, for manual entry' }),
    otpauthUri: Type.String(),
    qrCode: Type.String({ description: 'PNG image of the otpauth URI, as a data: URL' }),
  },
  { xml: { name: 'totpEnrolment' } },
)
export const RecoveryCodesView = Type.Object(
  { recoveryCodes: Type.Array(Type.String(), { description: 'Shown once; each works once' }) },
  { xml: { name: 'recoveryCodes' } },
)

// Admin ------------------------------------------------------------------------------------------

export const UserParams = Type.Object({ userId: Id })
export const UserQuery = Type.Object({
  email: Type.Optional(Email),
  role: Type.Optional(Role),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Id),
})
export type UserQuery = Static<typeof UserQuery>
export const CustomerQuery = Type.Object({
  email: UserQuery.properties.email,
  limit: UserQuery.properties.limit,
  cursor: UserQuery.properties.cursor,
})
export const UserList = Type.Object(
  { items: Type.Array(UserView), nextCursor: Nullable(Type.String()) },
  { xml: { name: 'users' } },
)
export type UserList = Static<typeof UserList>
export const UpdateUserBody = Type.Object(
  { role: Type.Optional(Role), disabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateUserBody = Static<typeof UpdateUserBody>

export const CreateApiKeyBody = Type.Object(
  {
    name: Line({ minLength: 1, maxLength: 100 }),
    permissions: Type.Array(Permission, { minItems: 1, maxItems: PERMISSIONS.length, uniqueItems: true }),
  },
  { additionalProperties: false },
)
export type CreateApiKeyBody = Static<typeof CreateApiKeyBody>
export const ApiKeyView = Type.Object(
  {
    id: Id,
    name: Type.String(),
    hint: Type.String({ description: 'The first characters of the key' }),
    permissions: Type.Array(Type.String()),
    createdBy: Nullable(Type.String()),
    createdAt: Timestamp,
    lastUsedAt: Type.Union([Timestamp, Type.Null()]),
    revokedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { xml: { name: 'apiKey' } },
)
export type ApiKeyView = Static<typeof ApiKeyView>
export const CreatedApiKeyView = Type.Object(
  { ...ApiKeyView.properties, key: Type.String({ description: 'Shown once: store it now' }) },
  { xml: { name: 'apiKey' } },
)
export type CreatedApiKeyView = Static<typeof CreatedApiKeyView>
export const ApiKeyList = Type.Object({ items: Type.Array(ApiKeyView) }, { xml: { name: 'apiKeys' } })
export const ApiKeyParams = Type.Object({ apiKeyId: Id })

export const AuditQuery = Type.Object({
  userId: Type.Optional(Id),
  type: Type.Optional(Type.String({ pattern: '^[a-z.-]{1,40}$' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Id),
})
export type AuditQuery = Static<typeof AuditQuery>
export const AuditEventView = Type.Object(
  {
    id: Id,
    type: Type.String(),
    userId: Nullable(Type.String()),
    actorId: Nullable(Type.String()),
    ip: Nullable(Type.String()),
    data: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
    createdAt: Timestamp,
  },
  { xml: { name: 'event' } },
)
export const AuditList = Type.Object(
  { items: Type.Array(AuditEventView), nextCursor: Nullable(Type.String()) },
  { xml: { name: 'auditEvents' } },
)
export type AuditList = Static<typeof AuditList>
