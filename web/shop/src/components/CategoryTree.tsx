/** The category tree as nested lists of links. */
import { Link } from '@tanstack/react-router'
import { type Category, childrenOf } from '../lib/catalog.ts'

export function CategoryTree({ categories, parentId = null }: { categories: Category[]; parentId?: string | null }) {
  const level = childrenOf(categories, parentId)
  if (level.length === 0) return null
  return (
    <ul className="category-tree">
      {level.map((c) => (
        <li key={c.id}>
          <Link to="/category/$handle" params={{ handle: c.handle }}>
            {c.name}
          </Link>
          <CategoryTree categories={categories} parentId={c.id} />
        </li>
      ))}
    </ul>
  )
}
