import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { benchTicket, type BenchChannel } from './bench-ticket.js'
import { FILE_HEADERS, FORMATTERS } from './format-records.js'

export interface ExportSpec {
  channel: BenchChannel
  /** Tickets `first` … `first + count - 1` of the channel. */
  first: number
  count: number
  revision: 0 | 1
}

/** Writes an export in the channel's real format, streaming with backpressure. */
export async function writeExport(path: string, spec: ExportSpec): Promise<void> {
  let index = spec.first
  const end = spec.first + spec.count
  await writeLines(path, FILE_HEADERS[spec.channel], () =>
    index < end
      ? FORMATTERS[spec.channel](benchTicket(spec.channel, index++, spec.revision))
      : null,
  )
}

/** Writes whole records of the channel until the file reaches `bytes`; returns the record count. */
export async function writeExportOfSize(
  path: string,
  channel: BenchChannel,
  bytes: number,
): Promise<number> {
  let written = FILE_HEADERS[channel].length
  let index = 0
  await writeLines(path, FILE_HEADERS[channel], () => {
    if (written >= bytes) return null
    const line = FORMATTERS[channel](benchTicket(channel, index++, 0))
    written += Buffer.byteLength(line)
    return line
  })
  return index
}

/** Joins lines into ~1 MB chunks: one write per line would make the generator the bottleneck. */
async function writeLines(path: string, header: string, next: () => string | null): Promise<void> {
  const out = createWriteStream(path)
  let chunk = header
  for (let line = next(); line !== null; line = next()) {
    chunk += line
    if (chunk.length >= 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain')
      chunk = ''
    }
  }
  out.end(chunk)
  await once(out, 'finish')
}
