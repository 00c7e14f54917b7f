/**
 * The two roots every section hangs under: `rootRoute` (the whole app, public: sign-in) and `appRoute`
 * (signed-in staff only: loads /auth/me first and sends anyone else to sign-in).
 */
import type { QueryClient } from '@tanstack/react-query'
import { useQueryClient } from '@tanstack/react-query'
import { createRootRouteWithContext, createRoute, Link, Outlet, redirect, useNavigate } from '@tanstack/react-router'
import { ProblemError } from '../../../shared/api.ts'
import { nav } from '../nav.ts'
import { can, meQuery, signOut, useMe } from '../session.ts'

export interface RouterContext {
  queryClient: QueryClient
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: () => <Outlet />,
})

export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      const me = await context.queryClient.ensureQueryData(meQuery)
      if (me.role === 'customer') throw new ProblemError(403, { detail: 'This account is not staff' })
    } catch (error) {
      if (error instanceof ProblemError && (error.status === 401 || error.status === 403)) {
        throw redirect({ to: '/sign-in', search: { next: location.href } })
      }
      throw error
    }
  },
  component: Shell,
})

function Shell() {
  const me = useMe()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Backroom</span>
        <span className="muted">
          {me.email} ({me.role})
        </span>
        <button
          type="button"
          className="secondary"
          onClick={async () => {
            await signOut()
            queryClient.clear()
            await navigate({ to: '/sign-in', search: { next: undefined } })
          }}
        >
          Sign out
        </button>
      </header>
      <div className="layout">
        <nav aria-label="Sections">
          <ul>
            {nav
              .filter((entry) => !entry.permission || can(me, entry.permission))
              .map((entry) => (
                <li key={entry.to}>
                  <Link
                    to={entry.to}
                    activeProps={{ 'aria-current': 'page' }}
                    activeOptions={{ exact: entry.to === '/' }}
                  >
                    {entry.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <main id="main">
          <Outlet />
        </main>
      </div>
    </div>
  )
}
