/**
 * A product image, or a neutral tile when there is none or it cannot load (the pages' CSP allows images
 * from this origin only, so a shop serves its images itself or widens img-src).
 */
import { useState } from 'react'

export function ProductImage({ image, title }: { image: { url: string; alt: string } | null; title: string }) {
  const [failed, setFailed] = useState(false)
  if (!image || failed) {
    return (
      <div className="product-image placeholder" aria-hidden="true">
        {title.slice(0, 1).toUpperCase()}
      </div>
    )
  }
  return (
    <img className="product-image" src={image.url} alt={image.alt} loading="lazy" onError={() => setFailed(true)} />
  )
}
