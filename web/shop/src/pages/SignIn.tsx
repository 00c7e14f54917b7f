/**
 * Sign-in and sign-up. The session is an HttpOnly cookie (`session: 'cookie'`). When the account has
 * MFA the API answers `mfa-required` with a short-lived mfaToken, and the page asks for the
 * authenticator (or a recovery) code. The guest cart goes along (`guestCart`) and is merged into the
 * account's cart; the answer's `cartId` is the cart the shop remembers from then on.
 */
import { useQueryClient } from '@tanstack/react-query'
import { createRoute, Link, useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { api, ProblemError, type Schemas, unwrap } from '../../../shared/api.ts'
import { ProblemAlert } from '../../../shared/ProblemAlert.tsx'
import { Field } from '../components/Field.tsx'
import { cartKey, rememberCart, storedCart } from '../lib/cart.ts'
import { SHOP_CURRENCY } from '../lib/config.ts'
import { meQuery } from '../lib/session.ts'
import { rootRoute } from '../routes/root.tsx'

const validateSearch = (search: Record<string, unknown>): { next?: string } =>
  typeof search.next === 'string' && search.next.startsWith('/') && !search.next.startsWith('//')
    ? { next: search.next }
    : {}

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch,
  component: SignIn,
})
export const signUpRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-up',
  validateSearch,
  component: SignUp,
})

interface Credentials {
  email: string
  password: string
}

/** The guest cart to merge at sign-in, if the shopper has one. */
function guestCart(): { id: string; token: string } | undefined {
  const stored = storedCart()
  return stored?.token ? { id: stored.id, token: stored.token } : undefined
}

/** After the session starts: remember the account's cart and refresh who is signed in. */
function useSignedIn(next: string | undefined) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  return async (answer: Schemas['SignInView']) => {
    if (answer.cartId) rememberCart({ id: answer.cartId, token: null })
    else {
      // No guest cart came along: the account's own open cart (made if it has none) is the cart now.
      const own = await unwrap(api.POST('/carts', { body: { currency: SHOP_CURRENCY } }))
      rememberCart({ id: own.cart.id, token: null })
    }
    await queryClient.invalidateQueries({ queryKey: meQuery.queryKey })
    await queryClient.invalidateQueries({ queryKey: cartKey })
    await navigate({ to: next ?? '/account' })
  }
}

function SignIn() {
  const { next } = signInRoute.useSearch()
  const signedIn = useSignedIn(next)
  const [mfaToken, setMfaToken] = useState<string | undefined>()
  const [error, setError] = useState<unknown>()
  const passwordForm = useForm<Credentials>()
  const codeForm = useForm<{ code: string }>()

  const submitPassword = passwordForm.handleSubmit(async (values) => {
    setError(undefined)
    try {
      const answer = await unwrap(
        api.POST('/auth/sign-in', { body: { ...values, session: 'cookie', guestCart: guestCart() } }),
      )
      if (answer.status === 'mfa-required') setMfaToken(answer.mfaToken)
      else await signedIn(answer)
    } catch (failure) {
      setError(failure)
    }
  })

  const submitCode = codeForm.handleSubmit(async ({ code }) => {
    setError(undefined)
    const trimmed = code.replaceAll(' ', '')
    const second = /^\d{6}$/.test(trimmed) ? { totpCode: trimmed } : { recoveryCode: code.trim() }
    try {
      const answer = await unwrap(
        api.POST('/auth/sign-in/mfa', {
          body: { mfaToken: mfaToken!, ...second, session: 'cookie', guestCart: guestCart() },
        }),
      )
      await signedIn(answer)
    } catch (failure) {
      // An expired or spent challenge needs the password again.
      if (failure instanceof ProblemError && failure.code === 'mfa-challenge-expired') setMfaToken(undefined)
      setError(failure)
    }
  })

  return (
    <div className="narrow">
      <h1>Sign in</h1>
      <ProblemAlert error={error} />
      {mfaToken === undefined ? (
        <form onSubmit={submitPassword} noValidate>
          <Field id="email" label="Email">
            <input type="email" autoComplete="username" required {...passwordForm.register('email')} />
          </Field>
          <Field id="password" label="Password">
            <input type="password" autoComplete="current-password" required {...passwordForm.register('password')} />
          </Field>
          <p>
            <button type="submit" disabled={passwordForm.formState.isSubmitting}>
              Sign in
            </button>
          </p>
          <p>
            New here?{' '}
            <Link to="/sign-up" search={{ next }}>
              Create an account
            </Link>
          </p>
        </form>
      ) : (
        <form onSubmit={submitCode} noValidate>
          <h2>Two-step verification</h2>
          <Field
            id="code"
            label="Authenticator code"
            hint="The 6-digit code from your authenticator app, or one of your recovery codes."
          >
            <input inputMode="numeric" autoComplete="one-time-code" required {...codeForm.register('code')} />
          </Field>
          <p>
            <button type="submit" disabled={codeForm.formState.isSubmitting}>
              Verify
            </button>
          </p>
        </form>
      )}
    </div>
  )
}

/** Sign-up answers the same whether or not the email is taken; the shop then signs in with the same details. */
function SignUp() {
  const { next } = signUpRoute.useSearch()
  const signedIn = useSignedIn(next)
  const [error, setError] = useState<unknown>()
  const form = useForm<Credentials>()
  const fieldErrors = error instanceof ProblemError ? error.fieldErrors : {}

  const submit = form.handleSubmit(async (values) => {
    setError(undefined)
    try {
      await unwrap(api.POST('/auth/sign-up', { body: values }))
      const answer = await unwrap(
        api.POST('/auth/sign-in', { body: { ...values, session: 'cookie', guestCart: guestCart() } }),
      )
      if (answer.status === 'mfa-required') {
        // The email already had an account with MFA on: sign in properly.
        throw new Error('This email already has an account. Sign in instead.')
      }
      await signedIn(answer)
    } catch (failure) {
      setError(failure)
    }
  })

  return (
    <div className="narrow">
      <h1>Create an account</h1>
      <ProblemAlert error={error} />
      <form onSubmit={submit} noValidate>
        <Field id="email" label="Email" error={fieldErrors.email}>
          <input type="email" autoComplete="email" required {...form.register('email')} />
        </Field>
        <Field
          id="password"
          label="Password"
          hint="At least 10 characters; a passphrase of a few unrelated words works well."
          error={fieldErrors.password}
        >
          <input type="password" autoComplete="new-password" required {...form.register('password')} />
        </Field>
        <p>
          <button type="submit" disabled={form.formState.isSubmitting}>
            Create account
          </button>
        </p>
        <p>
          Already have one?{' '}
          <Link to="/sign-in" search={{ next }}>
            Sign in
          </Link>
        </p>
      </form>
    </div>
  )
}
