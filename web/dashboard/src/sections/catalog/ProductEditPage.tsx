/** Create or edit a product: its fields, variants with prices and stock, categories; publish, archive, delete. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { api, unwrap } from '../../../../shared/api.ts'
import { ProblemAlert } from '../../../../shared/ProblemAlert.tsx'
import './catalog.css'
import { ProductForm } from './ProductForm.tsx'
import { type AdminProduct, invalidateCatalog, productQuery } from './queries.ts'
import { editProductRoute } from './routes.tsx'

export function NewProductPage() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  return (
    <>
      <p>
        <Link to="/products">← Products</Link>
      </p>
      <h1>New product</h1>
      <ProductForm
        submitLabel="Create product"
        onSave={async (body) => {
          const created = await unwrap(api.POST('/admin/products', { body }))
          await invalidateCatalog(queryClient)
          await navigate({ to: '/products/$id', params: { id: created.id } })
        }}
      />
    </>
  )
}

export function EditProductPage() {
  const { id } = editProductRoute.useParams()
  const product = useQuery(productQuery(id))
  return (
    <>
      <p>
        <Link to="/products">← Products</Link>
      </p>
      {product.data ? (
        <ProductEditor product={product.data} />
      ) : (
        <>
          <h1>Product</h1>
          {product.isPending ? <p>Loading…</p> : <ProblemAlert error={product.error} />}
        </>
      )}
    </>
  )
}

function ProductEditor({ product }: { product: AdminProduct }) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const [notice, setNotice] = useState<string>()
  const [confirmDelete, setConfirmDelete] = useState(false)
  const status = useMutation({
    mutationFn: async (action: 'publish' | 'archive') => {
      const params = { params: { path: { id: product.id } } }
      return action === 'publish'
        ? unwrap(api.POST('/admin/products/{id}/publish', params))
        : unwrap(api.POST('/admin/products/{id}/archive', params))
    },
    onSuccess: async (saved) => {
      setNotice(
        saved.status === 'published' ? 'Published: the storefront shows it.' : 'Archived: hidden from the storefront.',
      )
      queryClient.setQueryData(productQuery(product.id).queryKey, saved)
      await invalidateCatalog(queryClient)
    },
  })
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/admin/products/{id}', { params: { path: { id: product.id } } })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: productQuery(product.id).queryKey })
      await invalidateCatalog(queryClient)
      await navigate({ to: '/products' })
    },
  })
  return (
    <>
      <h1>{product.title}</h1>
      <p>
        Status: <span className={`status status-${product.status}`}>{product.status}</span>
        {product.publishedAt ? (
          <span className="muted"> · first published {new Date(product.publishedAt).toLocaleString()}</span>
        ) : null}
      </p>
      <div className="row actions">
        {product.status !== 'published' ? (
          <button type="button" disabled={status.isPending} onClick={() => status.mutate('publish')}>
            Publish
          </button>
        ) : null}
        {product.status !== 'archived' ? (
          <button
            type="button"
            className="secondary"
            disabled={status.isPending}
            onClick={() => status.mutate('archive')}
          >
            Archive
          </button>
        ) : null}
        {confirmDelete ? (
          <>
            <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
              Delete for good
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" className="secondary" onClick={() => setConfirmDelete(true)}>
            Delete…
          </button>
        )}
      </div>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ProblemAlert error={status.error ?? remove.error} />
      <ProductForm
        key={product.updatedAt}
        product={product}
        submitLabel="Save changes"
        onSave={async (body) => {
          setNotice(undefined)
          const saved = await unwrap(api.PATCH('/admin/products/{id}', { params: { path: { id: product.id } }, body }))
          queryClient.setQueryData(productQuery(product.id).queryKey, saved)
          await invalidateCatalog(queryClient)
          setNotice('Saved.')
        }}
      />
    </>
  )
}
