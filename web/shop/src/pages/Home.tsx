/** The front page: the category tree, and everything in the catalogue. */
import { useQuery } from '@tanstack/react-query'
import { createRoute, Link } from '@tanstack/react-router'
import { ProblemAlert } from '../../../shared/ProblemAlert.tsx'
import { CategoryTree } from '../components/CategoryTree.tsx'
import { categoriesQuery } from '../lib/catalog.ts'
import { rootRoute } from '../routes/root.tsx'

export const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: Home })

function Home() {
  const categories = useQuery(categoriesQuery)
  return (
    <>
      <h1>Welcome</h1>
      <p>
        Search the catalogue above, browse by category, or see <Link to="/search">all products</Link>.
      </p>
      <h2>Categories</h2>
      <ProblemAlert error={categories.error} />
      {categories.data ? (
        categories.data.length > 0 ? (
          <nav aria-label="Categories">
            <CategoryTree categories={categories.data} />
          </nav>
        ) : (
          <p className="muted">No categories yet.</p>
        )
      ) : null}
    </>
  )
}
