/**
 * A product page: description, a variant picker over its options, the price and live availability
 * (GET /store/products/{handle}/availability), and "Add to cart". Viewing it sends a product_view event.
 */
import { useQuery } from '@tanstack/react-query'
import { createRoute, Link } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import { api, formatMoney, type Schemas, unwrap } from '../../../shared/api.ts'
import { ProblemAlert } from '../../../shared/ProblemAlert.tsx'
import { ProductImage } from '../components/ProductImage.tsx'
import { track } from '../lib/analytics.ts'
import { useAddToCart } from '../lib/cart.ts'
import { SHOP_CURRENCY } from '../lib/config.ts'
import { findVariant, optionAxes, pick } from '../lib/variants.ts'
import { rootRoute } from '../routes/root.tsx'

export const productRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/products/$handle',
  component: ProductPage,
})

type Product = Schemas['ProductView']

function ProductPage() {
  const { handle } = productRoute.useParams()
  const product = useQuery({
    queryKey: ['product', handle],
    queryFn: ({ signal }) => unwrap(api.GET('/store/products/{handle}', { params: { path: { handle } }, signal })),
  })
  if (product.error) {
    return (
      <>
        <h1>Product not available</h1>
        <ProblemAlert error={product.error} />
        <p>
          <Link to="/">Back to the shop</Link>
        </p>
      </>
    )
  }
  if (!product.data) return <p aria-live="polite">Loading…</p>
  return <ProductDetails key={product.data.id} product={product.data} />
}

function ProductDetails({ product }: { product: Product }) {
  const availability = useQuery({
    queryKey: ['availability', product.handle],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/store/products/{handle}/availability', { params: { path: { handle: product.handle } }, signal }),
      ),
    staleTime: 0,
  })
  const stock = new Map(availability.data?.variants.map((v) => [v.id, v]))
  const axes = optionAxes(product.variants)
  const [chosen, setChosen] = useState<Record<string, string>>(() => ({ ...product.variants[0]?.options }))
  const variant = axes.length === 0 ? product.variants[0] : findVariant(product.variants, chosen)
  const price = variant?.prices.find((p) => p.currency === SHOP_CURRENCY)
  const live = variant ? stock.get(variant.id) : undefined
  const [quantity, setQuantity] = useState(1)
  const add = useAddToCart()

  useEffect(() => {
    track({ type: 'product_view', properties: { productId: product.id } })
  }, [product.id])

  return (
    <article className="product">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Shop</Link>
        {product.categories[0] ? (
          <>
            {' / '}
            <Link to="/category/$handle" params={{ handle: product.categories[0].handle }}>
              {product.categories[0].name}
            </Link>
          </>
        ) : null}
      </nav>
      <div className="product-layout">
        <ProductImage image={product.images[0] ?? null} title={product.title} />
        <div>
          <h1>{product.title}</h1>
          {price ? (
            <p className="price">
              <strong>{formatMoney(price.amount, price.currency)}</strong>
              {price.compareAt ? (
                <>
                  {' '}
                  <s className="muted">
                    <span className="visually-hidden">was </span>
                    {formatMoney(price.compareAt, price.currency)}
                  </s>
                </>
              ) : null}
            </p>
          ) : (
            <p className="muted">Not sold in {SHOP_CURRENCY}.</p>
          )}
          <form
            onSubmit={(event) => {
              event.preventDefault()
              if (variant) add.mutate({ productId: product.id, variantId: variant.id, quantity })
            }}
          >
            {axes.map((axis) => (
              <fieldset key={axis.name} className="options">
                <legend>{axis.name.charAt(0).toUpperCase() + axis.name.slice(1)}</legend>
                {axis.values.map((value) => (
                  <label key={value} className="choice option">
                    <input
                      type="radio"
                      name={axis.name}
                      value={value}
                      checked={chosen[axis.name] === value}
                      onChange={() => setChosen(pick(product.variants, chosen, axis.name, value))}
                    />
                    {value}
                  </label>
                ))}
              </fieldset>
            ))}
            <p className="availability" aria-live="polite">
              {!variant
                ? 'This combination is not sold.'
                : !live
                  ? 'Checking stock…'
                  : live.inStock
                    ? `In stock (${live.stock} left)`
                    : 'Out of stock'}
            </p>
            <label htmlFor="quantity">Quantity</label>
            <input
              id="quantity"
              type="number"
              min={1}
              max={99}
              value={quantity}
              onChange={(event) => setQuantity(Math.min(99, Math.max(1, Number(event.target.value) || 1)))}
              className="quantity"
            />
            <p>
              <button type="submit" disabled={!variant || !price || live?.inStock === false || add.isPending}>
                {add.isPending ? 'Adding…' : 'Add to cart'}
              </button>
            </p>
          </form>
          <ProblemAlert error={add.error} />
          {add.isSuccess ? (
            <p className="notice" role="status">
              Added to your cart. <Link to="/cart">View cart</Link>
            </p>
          ) : null}
          {product.description ? <p className="description">{product.description}</p> : null}
        </div>
      </div>
    </article>
  )
}
