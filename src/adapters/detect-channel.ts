import { Readable } from 'node:stream'
import { CHANNELS, type Channel } from '../domain/channel.js'
import { coerceError } from '../errors.js'
import type { AdapterLimits, AdapterOptions } from './adapter.js'
import type { ChannelDetection } from './channel-adapter.js'
import { peekStream } from './formats/peek-stream.js'
import { readTable, tableFormatOf } from './formats/read-table.js'
import type { TableReading } from './formats/table-record.js'
import { sniffBinary, isZip } from './formats/sniff-bytes.js'
import { CHANNEL_ADAPTERS } from './registry.js'
import type { TableSample, TableScorer } from './table-score.js'

export type Detection =
  | { kind: 'found'; channel: Channel; by: string }
  | { kind: 'unknown'; candidates: Channel[]; reason: string }

const HEAD_BYTES = 8 * 1024
/** Detection reads at most this much of a CSV, and this many rows after the header. */
const SAMPLE_BYTES = 64 * 1024
const SAMPLE_ROWS = 20

/** Each channel's way of recognizing its exports, in the registry's order. */
const DETECTIONS: readonly [Channel, ChannelDetection][] = CHANNELS.map((channel) => [
  channel,
  CHANNEL_ADAPTERS[channel].detect,
])
/** Tabular exports; each rates a sample (its columns and value shapes) next to its column specs. */
const TABLE_CHANNELS: readonly [Channel, TableScorer][] = DETECTIONS.flatMap(([channel, detect]) =>
  detect.scoreTable ? [[channel, detect.scoreTable]] : [],
)

/**
 * Picks a file's channel from its first bytes, extension and content: a known binary signature
 * (an image, a PDF) is no export at all; then an extension only one channel's exports have, for a
 * table the channel whose columns and values fit its header and first rows best, or for other text
 * the channel that recognizes its start (mail headers, a JSON shape, fixed-width CDR records in
 * the configured layout, the default or a preset).
 * Reads only the start of the file (XLSX: the first rows of the sheet it would read).
 */
export async function detectChannel(
  fileName: string,
  open: () => Readable,
  options: Pick<AdapterOptions, 'xlsxSheet' | 'cdrLayout'> & AdapterLimits,
): Promise<Detection> {
  const input = open()
  const { head } = await peekStream(input, HEAD_BYTES).finally(() => input.destroy())
  const name = fileName.toLowerCase()
  const extension = name.slice(name.lastIndexOf('.'))
  const binary = sniffBinary(head)
  if (extension === '.xlsx') {
    if (!isZip(head)) return notAnExport(`not an XLSX workbook: ${binary ?? 'not a ZIP archive'}`)
    return detectTable({ fileName, options, note: () => undefined }, open)
  }
  if (binary) return notAnExport(`a ${binary}, not a channel export`)
  const byExtension = DETECTIONS.find(([, detect]) => detect.extensions?.includes(extension))
  if (byExtension) return found(byExtension[0], `${extension} extension`)
  if (extension === '.csv') return detectTable({ fileName, options, note: () => undefined }, open)

  const text = head.toString('utf8').replace(/^\uFEFF/, '')
  for (const [channel, detect] of DETECTIONS) {
    const by = detect.recognizeText?.(text, options)
    if (by) return found(channel, by)
  }
  return {
    kind: 'unknown',
    candidates: DETECTIONS.filter(([, detect]) => detect.recognizeText).map(([channel]) => channel),
    reason: 'no known extension and no recognizable content',
  }
}

/** The table channel whose score is highest, if no other comes as close; a tie names them all. */
async function detectTable(reading: TableReading, open: () => Readable): Promise<Detection> {
  const format = tableFormatOf(reading.fileName)
  const tableChannels = TABLE_CHANNELS.map(([channel]) => channel)
  let sample: TableSample
  try {
    sample = await readSample(reading, open)
  } catch (thrown) {
    const reason = `not a readable ${format.toUpperCase()} file: ${coerceError(thrown).message}`
    return { kind: 'unknown', candidates: tableChannels, reason }
  }
  const scores = TABLE_CHANNELS.flatMap(([channel, score]) => {
    const value = score(sample)
    return value === null ? [] : [{ channel, value }]
  }).sort((a, b) => b.value - a.value)
  const [best, second] = scores
  if (!best) {
    const columns = sample.header.slice(0, 6).join(', ') || 'empty'
    return {
      kind: 'unknown',
      candidates: tableChannels,
      reason: `the header row matches no known export (${columns})`,
    }
  }
  const scored = scores.map(({ channel, value }) => `${channel} ${value.toFixed(2)}`).join(', ')
  if (second && best.value - second.value < 1e-9) {
    const tied = scores
      .filter(({ value }) => best.value - value < 1e-9)
      .map(({ channel }) => channel)
    return {
      kind: 'unknown',
      candidates: tied,
      reason: `the header row and first rows fit ${tied.join(' and ')} equally well (${scored})`,
    }
  }
  return found(best.channel, `${format} header and first rows (${scored})`)
}

/**
 * The header and first rows. A CSV is read from its first SAMPLE_BYTES only, cut after the last
 * whole line; an XLSX must be unzipped to reach its rows, so it stops after SAMPLE_ROWS rows.
 */
async function readSample(reading: TableReading, open: () => Readable): Promise<TableSample> {
  const input = open()
  try {
    let source: Readable = input
    if (tableFormatOf(reading.fileName) === 'csv') {
      const { head } = await peekStream(input, SAMPLE_BYTES)
      const cut = head.length >= SAMPLE_BYTES ? head.lastIndexOf(0x0a) + 1 : 0
      source = Readable.from([cut > 0 ? head.subarray(0, cut) : head])
    }
    let header: string[] | null = null
    const rows: string[][] = []
    for await (const record of readTable(source, reading)) {
      if (record.error) continue
      if (!header) header = record.cells.map((cell) => cell.replace(/^\uFEFF/, '').trim())
      else rows.push(record.cells)
      if (rows.length >= SAMPLE_ROWS) break
    }
    return { header: header ?? [], rows }
  } finally {
    input.destroy()
  }
}

/** Bytes that are no channel's export: no channel is a candidate. */
function notAnExport(reason: string): Detection {
  return { kind: 'unknown', candidates: [], reason }
}

function found(channel: Channel, by: string): Detection {
  return { kind: 'found', channel, by }
}
