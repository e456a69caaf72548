import type { Readable } from 'node:stream'
import { createInflateRaw } from 'node:zlib'
import type { AdapterLimits } from '../adapter.js'
import type { ZipEntry } from './zip-archive.js'

/**
 * Bounds on what an XLSX workbook may make the reader hold or inflate, checked before exceljs
 * sees a part: a zip bomb (a small part that inflates to gigabytes) or a shared strings table of
 * millions of entries fails the file with the setting to raise, instead of exhausting the worker.
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
 * `XLSX_MAX_RATIO`; then inflates it once without keeping the output, so a part that inflates
 * to more than it declares (a forged header) is caught too.
 */
export async function checkWorkbookPart(
  entry: ZipEntry,
  limits: AdapterLimits,
  sharedStrings = false,
): Promise<void> {
  const [limit, setting] = sharedStrings
    ? [
        Math.min(limits.xlsxMaxSharedStringsBytes, limits.xlsxMaxEntryBytes),
        'XLSX_MAX_SHARED_STRINGS_BYTES',
      ]
    : [limits.xlsxMaxEntryBytes, 'XLSX_MAX_ENTRY_BYTES']
  const tooLarge = (size: number) =>
    new Error(
      `${entry.path} inflates to ${size > limit ? `${mb(size)}, over` : 'more than'} ${setting} (${mb(limit)})`,
    )
  if (entry.size > limit) throw tooLarge(entry.size)
  if (entry.method !== DEFLATE) return
  const ratio = entry.size / Math.max(entry.data.length, 1)
  if (ratio > limits.xlsxMaxRatio) {
    throw new Error(
      `${entry.path} has a compression ratio of ${Math.round(ratio)}, over XLSX_MAX_RATIO (${limits.xlsxMaxRatio}): a zip bomb?`,
    )
  }
  const inflated = await inflatedSize(entry.data, Math.min(limit, entry.size))
  if (inflated > entry.size) {
    throw new Error(`${entry.path} inflates to more than the ${entry.size} bytes it declares`)
  }
}

/** Bytes `data` inflates to, stopping as soon as it passes `stopAfter`. */
function inflatedSize(data: Buffer, stopAfter: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw()
    let size = 0
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > stopAfter) {
        inflate.destroy()
        resolve(size)
      }
    })
    inflate.on('end', () => resolve(size))
    inflate.on('error', reject)
    inflate.end(data)
  })
}

function mb(bytes: number): string {
  return bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${bytes} bytes`
}
