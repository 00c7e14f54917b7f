/** Staff sign-in: email and password, then the authenticator code (TOTP) or a recovery code when MFA is on. */
import { useQueryClient } from '@tanstack/react-query'
import { createRoute, useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { api, unwrap } from '../../../../shared/api.ts'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import { rootRoute } from '../../routes/root.tsx'
import { meQuery } from '../../session.ts'

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { next?: string } =>
    typeof search.next === 'string' && search.next.startsWith('/') && !search.next.startsWith('//')
      ? { next: search.next }
      : {},
  component: SignIn,
})

interface PasswordForm {
  email: string
  password: string
}
interface CodeForm {
  code: string
}

function SignIn() {
  const { next } = signInRoute.useSearch()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [mfaToken, setMfaToken] = useState<string | undefined>()
  const [error, setError] = useState<unknown>()
  const passwordForm = useForm<PasswordForm>()
  const codeForm = useForm<CodeForm>()

  async function signedIn() {
    await queryClient.invalidateQueries({ queryKey: meQuery.queryKey })
    const me = await queryClient.fetchQuery(meQuery)
    if (me.role === 'customer') {
      await api.POST('/auth/sign-out')
      queryClient.clear()
      setMfaToken(undefined)
      setError(new Error('This account is a customer account; the dashboard is for staff.'))
      return
    }
    await navigate({ to: next ?? '/' })
  }

  const submitPassword = passwordForm.handleSubmit(async (values) => {
    setError(undefined)
    try {
      const answer = await unwrap(api.POST('/auth/sign-in', { body: { ...values, session: 'cookie' } }))
      if (answer.status === 'mfa-required') setMfaToken(answer.mfaToken)
      else await signedIn()
    } catch (failure) {
      setError(failure)
    }
  })

  const submitCode = codeForm.handleSubmit(async ({ code }) => {
    setError(undefined)
    const trimmed = code.replaceAll(' ', '')
    const body = /^\d{6}$/.test(trimmed)
      ? { mfaToken: mfaToken!, totpCode: trimmed, session: 'cookie' as const }
      : { mfaToken: mfaToken!, recoveryCode: code.trim(), session: 'cookie' as const }
    try {
      await unwrap(api.POST('/auth/sign-in/mfa', { body }))
      await signedIn()
    } catch (failure) {
      setError(failure)
    }
  })

  return (
    <main id="main" className="sign-in">
      <h1>Sign in to Backroom</h1>
      <ProblemAlert error={error} />
      {mfaToken === undefined ? (
        <form onSubmit={submitPassword} noValidate>
          <label htmlFor="email">Email</label>
          <input id="email" type="email" autoComplete="username" required {...passwordForm.register('email')} />
          <label htmlFor="password">Password</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            required
            {...passwordForm.register('password')}
          />
          <p>
            <button type="submit" disabled={passwordForm.formState.isSubmitting}>
              Sign in
            </button>
          </p>
        </form>
      ) : (
        <form onSubmit={submitCode} noValidate>
          <label htmlFor="code">Authenticator code</label>
          <p className="muted" id="code-help">
            The 6-digit code from your authenticator app, or one of your recovery codes.
          </p>
          <input
            id="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            aria-describedby="code-help"
            required
            {...codeForm.register('code')}
          />
          <p>
            <button type="submit" disabled={codeForm.formState.isSubmitting}>
              Verify
            </button>
          </p>
        </form>
      )}
    </main>
  )
}
