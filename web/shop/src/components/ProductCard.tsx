/** A product in a list (search results, category pages): image, title (highlighted), price, stock. */
import { Link } from '@tanstack/react-router'
import { formatMoney, type Schemas } from '../../../shared/api.ts'
import { Highlighted } from './Highlighted.tsx'
import { ProductImage } from './ProductImage.tsx'

export type Card = Schemas['ProductCard']

export function ProductCard({ card }: { card: Card }) {
  return (
    <li className="card">
      <ProductImage image={card.image} title={card.title} />
      <h3>
        <Link to="/products/$handle" params={{ handle: card.handle }}>
          {card.highlights ? <Highlighted html={card.highlights.title} /> : card.title}
        </Link>
      </h3>
      {card.highlights?.description ? (
        <p className="snippet">
          <Highlighted html={card.highlights.description} />
        </p>
      ) : null}
      <p className="row">
        {card.price ? <strong>{formatMoney(card.price.amount, card.price.currency)}</strong> : null}
        <span className={card.inStock ? 'in-stock' : 'muted'}>{card.inStock ? 'In stock' : 'Out of stock'}</span>
      </p>
    </li>
  )
}

export function ProductGrid({ cards, label }: { cards: Card[]; label: string }) {
  return (
    <ul className="product-grid" aria-label={label}>
      {cards.map((card) => (
        <ProductCard key={card.id} card={card} />
      ))}
    </ul>
  )
}
