/** Your own account's security: turn on two-step sign-in (TOTP), keep recovery codes, turn it off. */
import { useQueryClient } from '@tanstack/react-query'
import { createRoute } from '@tanstack/react-router'
import { useState } from 'react'
import { api, type Schemas, unwrap } from '../../../../shared/api.ts'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import { appRoute } from '../../routes/root.tsx'
import { meQuery, useMe } from '../../session.ts'

export const securityRoute = createRoute({ getParentRoute: () => appRoute, path: '/security', component: Security })

function Security() {
  const me = useMe()
  const queryClient = useQueryClient()
  const [enrolment, setEnrolment] = useState<Schemas['TotpEnrolmentView'] | undefined>()
  const [codes, setCodes] = useState<string[] | undefined>()
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)

  async function run(action: () => Promise<void>) {
    setError(undefined)
    setBusy(true)
    try {
      await action()
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }
  const refreshMe = () => queryClient.invalidateQueries({ queryKey: meQuery.queryKey })
  const field = (form: HTMLFormElement, name: string) => String(new FormData(form).get(name) ?? '')

  return (
    <>
      <h1>Account security</h1>
      <ProblemAlert error={error} />
      {codes ? (
        <section aria-labelledby="codes-heading" className="notice">
          <h2 id="codes-heading">Recovery codes</h2>
          <p>Keep these somewhere safe. Each works once if you lose your authenticator. They are not shown again.</p>
          <ul>
            {codes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
          <button type="button" className="secondary" onClick={() => setCodes(undefined)}>
            I have saved them
          </button>
        </section>
      ) : null}

      <h2>Two-step sign-in</h2>
      <p>
        Status: <strong>{me.mfaEnabled ? 'on' : 'off'}</strong>
      </p>
      {!me.mfaEnabled && !enrolment ? (
        <button
          type="button"
          disabled={busy}
          onClick={() => run(async () => setEnrolment(await unwrap(api.POST('/auth/mfa/totp'))))}
        >
          Set up an authenticator app
        </button>
      ) : null}
      {!me.mfaEnabled && enrolment ? (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            const totpCode = field(event.currentTarget, 'totpCode').replaceAll(' ', '')
            run(async () => {
              const answer = await unwrap(api.POST('/auth/mfa/totp/confirm', { body: { totpCode } }))
              setEnrolment(undefined)
              setCodes(answer.recoveryCodes)
              await refreshMe()
            })
          }}
        >
          <p>Scan the code with your authenticator app, or enter the secret by hand.</p>
          <img src={enrolment.qrCode} alt="QR code of the authenticator secret" width={180} height={180} />
          <p>
            Secret: <code>{enrolment.secret}</code>
          </p>
          <label htmlFor="confirm-code">Code from the app</label>
          <input id="confirm-code" name="totpCode" inputMode="numeric" autoComplete="one-time-code" required />
          <p>
            <button type="submit" disabled={busy}>
              Turn on
            </button>
          </p>
        </form>
      ) : null}
      {me.mfaEnabled ? (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
            const password = field(event.currentTarget, 'password')
            run(async () => {
              if (submitter?.value === 'codes') {
                setCodes((await unwrap(api.POST('/auth/mfa/recovery-codes', { body: { password } }))).recoveryCodes)
              } else {
                await unwrap(api.POST('/auth/mfa/totp/disable', { body: { password } }))
                await refreshMe()
              }
            })
          }}
        >
          <label htmlFor="mfa-password">Your password</label>
          <input id="mfa-password" name="password" type="password" autoComplete="current-password" required />
          <p className="row">
            <button type="submit" value="codes" className="secondary" disabled={busy}>
              New recovery codes
            </button>
            <button type="submit" value="disable" className="danger" disabled={busy}>
              Turn off two-step sign-in
            </button>
          </p>
        </form>
      ) : null}
    </>
  )
}
