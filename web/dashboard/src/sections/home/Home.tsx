/** The landing page after sign-in: where to go next, by what this account may do. */
import { createRoute, Link } from '@tanstack/react-router'
import { nav } from '../../nav.ts'
import { appRoute } from '../../routes/root.tsx'
import { can, useMe } from '../../session.ts'

export const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: Home })

function Home() {
  const me = useMe()
  const sections = nav.filter((entry) => entry.to !== '/' && (!entry.permission || can(me, entry.permission)))
  return (
    <>
      <h1>Overview</h1>
      <p>Signed in as {me.email}.</p>
      <ul>
        {sections.map((entry) => (
          <li key={entry.to}>
            <Link to={entry.to}>{entry.label}</Link>
          </li>
        ))}
      </ul>
    </>
  )
}
