/** The front page. */
import { createRoute } from '@tanstack/react-router'
import { rootRoute } from '../routes/root.tsx'

export const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: Home })

function Home() {
  return (
    <>
      <h1>Welcome</h1>
      <p>Search the catalogue or browse by category.</p>
    </>
  )
}
