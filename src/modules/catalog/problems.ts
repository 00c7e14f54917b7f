/** Every problem code the catalog answers with (registered in app.ts, listed at /problems). */
import type { ProblemTypes } from '../../platform/http/problems.ts'

export const catalogProblems = {
  'product-not-found': {
    title: 'Product not found',
    description: 'No product has this id or handle (or it is not published).',
  },
  'variant-not-found': {
    title: 'Variant not found',
    description: 'No published variant has this id, or it has no price in the requested currency.',
  },
  'category-not-found': { title: 'Category not found', description: 'No category has this id.' },
  'duplicate-handle': { title: 'Duplicate handle', description: 'Another product already uses this handle.' },
  'duplicate-sku': { title: 'Duplicate SKU', description: 'Another variant already uses this SKU.' },
  'duplicate-category': { title: 'Duplicate category', description: 'Another category already uses this handle.' },
  duplicate: { title: 'Duplicate', description: 'Another record already uses one of these unique identifiers.' },
  'unknown-category': {
    title: 'Unknown category',
    description: 'A category id or handle in the request does not exist.',
  },
  'category-cycle': {
    title: 'Category cycle',
    description: 'A category cannot be moved under itself or its descendants.',
  },
  'category-not-empty': {
    title: 'Category not empty',
    description:
      'A category with subcategories or products cannot be deleted; `children` and `products` give the counts.',
  },
  'invalid-quantity': { title: 'Invalid quantity', description: 'Stock quantities are positive whole numbers.' },
  'invalid-cursor': {
    title: 'Invalid cursor',
    description: 'The cursor is malformed or belongs to another sort order.',
  },
  'import-failed': {
    title: 'Import failed',
    description: 'At least one row is invalid; nothing was written. `errors` lists each by line and field.',
  },
  'import-job-not-found': { title: 'Import job not found', description: 'No catalog import job has this id.' },
  'unsupported-import-format': {
    title: 'Unsupported import format',
    description:
      'Import CSV (text/csv, .csv), JSON (application/json, .json) or JSON Lines (application/x-ndjson, .jsonl).',
  },
  'import-file-missing': {
    title: 'Import file missing',
    description: 'A multipart/form-data import needs a file part (the `file` field).',
  },
} as const satisfies ProblemTypes
