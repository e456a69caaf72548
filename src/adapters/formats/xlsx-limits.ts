import type { Readable } from 'node:stream'
import { createInflateRaw } from 'node:zlib'
import type { AdapterLimits } from '../adapter.js'
import type { ZipEntry } from './zip-archive.js'

/**
 * Bounds on what an XLSX workbook may make the reader hold or inflate, checked before a part is
 * inflated and while it is: a zip bomb (a small part that inflates to gigabytes) or a shared
 * strings table of millions of entries fails the file with the setting to raise, instead of
 * exhausting the worker.
 */

const DEFLATE = 8
const MB = 1024 * 1024

/** The whole workbook as stored; past `XLSX_MAX_BYTES` reading stops and the file fails. */
export async function readWorkbookBytes(input: Readable, limits: AdapterLimits): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of input) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string)
    size += bytes.length
    if (size > limits.xlsxMaxBytes) {
      input.destroy()
      throw new Error(
        `workbook larger than XLSX_MAX_BYTES (${limits.xlsxMaxBytes} bytes): not read`,
      )
    }
    chunks.push(bytes)
  }
  return Buffer.concat(chunks)
}

/**
 * Checks a part before it is inflated: its declared size against `XLSX_MAX_ENTRY_BYTES` (and
 * `XLSX_MAX_SHARED_STRINGS_BYTES` for the shared strings) and its compression ratio against
 * `XLSX_MAX_RATIO`. A part that inflates to more than it declares (a forged header) is caught
 * while it is read: `inflateEntry` stops there.
 */
export function checkWorkbookPart(
  entry: ZipEntry,
  limits: AdapterLimits,
  sharedStrings = false,
): void {
  const [limit, setting] = sharedStrings
    ? [
        Math.min(limits.xlsxMaxSharedStringsBytes, limits.xlsxMaxEntryBytes),
        'XLSX_MAX_SHARED_STRINGS_BYTES',
      ]
    : [limits.xlsxMaxEntryBytes, 'XLSX_MAX_ENTRY_BYTES']
  if (entry.size > limit) {
    throw new Error(`${entry.path} inflates to ${mb(entry.size)}, over ${setting} (${mb(limit)})`)
  }
  if (entry.method !== DEFLATE) return
  const ratio = entry.size / Math.max(entry.data.length, 1)
  if (ratio > limits.xlsxMaxRatio) {
    throw new Error(
      `${entry.path} has a compression ratio of ${Math.round(ratio)}, over XLSX_MAX_RATIO (${limits.xlsxMaxRatio}): a zip bomb?`,
    )
  }
}

/**
 * A part's inflated bytes as they come, failing as soon as they pass the size the part
 * declares (which `checkWorkbookPart` has held to the limits).
 */
export async function* inflateEntry(entry: ZipEntry): AsyncGenerator<Buffer> {
  const declared = () =>
    new Error(`${entry.path} inflates to more than the ${entry.size} bytes it declares`)
  if (entry.method !== DEFLATE) {
    if (entry.data.length > entry.size) throw declared()
    yield entry.data
    return
  }
  const inflate = createInflateRaw({ chunkSize: 64 * 1024 })
  inflate.end(entry.data)
  let size = 0
  for await (const chunk of inflate as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > entry.size) throw declared()
    yield chunk
  }
}

function mb(bytes: number): string {
  return bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${bytes} bytes`
}
