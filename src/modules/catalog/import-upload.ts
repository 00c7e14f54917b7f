/**
 * The HTTP side of an import upload: a raw body (`text/csv`, `application/json`, `application/x-ndjson`)
 * or the file part of a `multipart/form-data` form, read as a stream into ./import-parse.ts while it
 * arrives (the text is never held whole), with its size limit, a digest (the Idempotency-Key request
 * hash), and the file's name from the part's `filename`, sanitised.
 */
import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import { AppError, badRequest } from '../../platform/errors.ts'
import { type ImportFormat, type ParsedImport, parseImport } from './import-parse.ts'

/** The largest import file, in bytes (a raw body or a multipart file part). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024
/** The longest stored file name, in characters. */
export const MAX_FILE_NAME = 255

/** Raw body media types and the format each is read as. */
export const IMPORT_MEDIA_TYPES: Record<string, ImportFormat> = {
  'text/csv': 'csv',
  'application/json': 'json',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
}

/**
 * A parsed upload, the body of the import routes. Only `format`, `fileName`, `bytes` and `digest` are
 * its own enumerable fields (what the request hash and the input guard see); the products are handed
 * over once with `take()`.
 */
export class ImportUpload {
  readonly format: ImportFormat
  readonly fileName: string | null
  readonly bytes: number
  readonly digest: string
  #parsed: ParsedImport | undefined

  constructor(format: ImportFormat, fileName: string | null, bytes: number, digest: string, parsed: ParsedImport) {
    this.format = format
    this.fileName = fileName
    this.bytes = bytes
    this.digest = digest
    this.#parsed = parsed
  }

  /** The products read; the upload forgets them (a job keeps only what it still needs). */
  take(): ParsedImport {
    const parsed = this.#parsed
    if (!parsed) throw new Error('import upload already taken')
    this.#parsed = undefined
    return parsed
  }

  toJSON() {
    return { format: this.format, fileName: this.fileName, bytes: this.bytes, digest: this.digest }
  }
}

/**
 * Reads an upload stream: counts and hashes its bytes, parses it as `format`, refuses more than
 * `maxBytes` (413) and a file that is not JSON at all (400 `malformed-body`, naming the line).
 */
export async function readUpload(
  stream: AsyncIterable<Uint8Array | string>,
  format: ImportFormat,
  fileName: string | null,
  maxBytes = MAX_IMPORT_BYTES,
): Promise<ImportUpload> {
  const hash = createHash('sha256')
  let bytes = 0
  async function* counted() {
    for await (const chunk of stream) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength
      if (bytes > maxBytes) throw tooLarge(maxBytes)
      hash.update(chunk)
      yield chunk
    }
  }
  const parsed = await parseImport(counted(), format)
  if (parsed.malformed) throw badRequest('malformed-body', `The JSON body is not valid: ${parsed.malformed}`)
  return new ImportUpload(format, fileName, bytes, hash.digest('base64url'), parsed)
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'too-large',
    'payload-too-large',
    `The import file is larger than the limit (${Math.round(maxBytes / 1024 / 1024)} MB)`,
  )
}

/** The format of a raw body by its media type (parameters such as charset ignored), if importable. */
export function formatOfMediaType(contentType: string | undefined): ImportFormat | undefined {
  const type = String(contentType ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase()
  return IMPORT_MEDIA_TYPES[type]
}

/** The format of a multipart file part: by its name's extension, else its media type. */
export function formatOfFile(fileName: string | null, mediaType: string | undefined): ImportFormat {
  const extension = /\.([a-z]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase()
  const byName = extension === 'ndjson' ? 'jsonl' : extension
  if (byName === 'csv' || byName === 'json' || byName === 'jsonl') return byName
  const byType = formatOfMediaType(mediaType)
  if (byType) return byType
  throw new AppError(
    'unsupported-media-type',
    'unsupported-import-format',
    'Upload a .csv, .json or .jsonl file (or send it as text/csv, application/json or application/x-ndjson)',
  )
}

/** Bidirectional formatting controls: they can make a name display as something else (`fdp.exe` → `exe.pdf`). */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * The name to store for an uploaded file: its last path segment (either separator, as browsers on
 * Windows once sent full paths), without control or bidi characters, trimmed, at most MAX_FILE_NAME
 * characters (code points, so a character is never cut in half); null when nothing is left.
 */
export function sanitizeFileName(name: string | undefined | null): string | null {
  if (!name) return null
  const clean = basename(name.replaceAll('\\', '/'))
    .replace(/\p{Cc}/gu, '')
    .replace(BIDI_CONTROLS, '')
    .trim()
  if (clean === '' || clean === '.' || clean === '..') return null
  const chars = Array.from(clean)
  return chars.length <= MAX_FILE_NAME ? clean : chars.slice(0, MAX_FILE_NAME).join('').trimEnd()
}
