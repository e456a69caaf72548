import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { once } from 'node:events'
import { dirname, join } from 'node:path'
import { finished } from 'node:stream/promises'
import type { Channel } from '../domain/channel.js'

/** One file the sample wrote, as the manifest lists it. */
export interface SampleFile {
  channel: Channel
  /** Relative to the output folder, `/`-separated: `whatsapp/ticket-export-2021-12.csv`. */
  path: string
  bytes: number
  sha256: string
}

export interface FileSink {
  write(chunk: string | Buffer): Promise<void>
  close(): Promise<SampleFile>
}

const FLUSH_BYTES = 64 * 1024

/** Opens `<outDir>/<channel>/<name>` for streaming writes, hashing the bytes as they go. */
export async function openSink(outDir: string, channel: Channel, name: string): Promise<FileSink> {
  const path = `${channel}/${name}`
  const fullPath = join(outDir, path)
  await mkdir(dirname(fullPath), { recursive: true })
  const stream = createWriteStream(fullPath)
  const hash = createHash('sha256')
  let pending: Buffer[] = []
  let pendingBytes = 0
  let bytes = 0

  const flush = async () => {
    if (pendingBytes === 0) return
    const chunk = Buffer.concat(pending)
    pending = []
    pendingBytes = 0
    if (!stream.write(chunk)) await once(stream, 'drain')
  }
  return {
    async write(chunk) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
      hash.update(buffer)
      bytes += buffer.length
      pending.push(buffer)
      pendingBytes += buffer.length
      if (pendingBytes >= FLUSH_BYTES) await flush()
    },
    async close() {
      await flush()
      stream.end()
      await finished(stream)
      return { channel, path, bytes, sha256: hash.digest('hex') }
    },
  }
}

/** Describes a file written by another library (exceljs), hashing it from disk. */
export async function describeFile(
  outDir: string,
  channel: Channel,
  name: string,
): Promise<SampleFile> {
  const path = `${channel}/${name}`
  const hash = createHash('sha256')
  let bytes = 0
  for await (const chunk of createReadStream(join(outDir, path))) {
    hash.update(chunk as Buffer)
    bytes += (chunk as Buffer).length
  }
  return { channel, path, bytes, sha256: hash.digest('hex') }
}
