import type { Readable } from 'node:stream'
import type { Channel } from '../domain/channel.js'
import { CMS_COLUMNS } from './avaya-cms.js'
import { HAI_KEMENKEU_COLUMNS } from './hai-kemenkeu.js'
import { normalizeHeader, type ColumnSpecs } from './header-aliases.js'
import { peekStream } from './peek-stream.js'
import { readTable, tableFormatOf } from './read-table.js'
import { SOCIOMILE_COLUMNS } from './sociomile.js'

export type Detection =
  | { kind: 'found'; channel: Channel; by: string }
  | { kind: 'unknown'; candidates: Channel[]; reason: string }

const HEAD_BYTES = 8 * 1024
const MAIL_HEADER = /^(from |received:|message-id:|return-path:|delivered-to:|date:|from:|mime-version:)/im
const CDR_LINE = /^[\s\0]*(?:\S*\s+)?\d{6} \d{4} [ \d]{5} \S/m

/** Tabular exports, told apart by their required columns; HAI is checked first (it has a unit). */
const TABLE_CHANNELS: readonly [Channel, ColumnSpecs<string>][] = [
  ['phone', CMS_COLUMNS],
  ['hai_kemenkeu', HAI_KEMENKEU_COLUMNS],
  ['whatsapp', SOCIOMILE_COLUMNS],
]

/**
 * Picks a file's channel from its extension and content: a mail header, a JSON shape, a
 * fixed-width CDR line or a header row. Reads only the start of the file (XLSX: its first row).
 */
export async function detectChannel(fileName: string, open: () => Readable): Promise<Detection> {
  const name = fileName.toLowerCase()
  const extension = name.slice(name.lastIndexOf('.'))
  if (extension === '.eml' || extension === '.mbox') return found('email', `${extension} extension`)
  if (['.json', '.ndjson', '.jsonl'].includes(extension)) return found('livechat', `${extension} extension`)
  if (extension === '.cdr') return found('phone', '.cdr extension')
  if (extension === '.xlsx' || extension === '.csv') return detectTable(fileName, open)

  const input = open()
  const { head } = await peekStream(input, HEAD_BYTES)
  input.destroy()
  const text = head.toString('utf8').replace(/^\uFEFF/, '')
  if (/^\s*[[{]/.test(text)) return found('livechat', 'JSON content')
  if (MAIL_HEADER.test(text.slice(0, 2048)) && /^[\w-]+: /m.test(text)) return found('email', 'mail headers')
  if (CDR_LINE.test(text)) return found('phone', 'fixed-width CDR records')
  return {
    kind: 'unknown',
    candidates: ['phone', 'email', 'livechat'],
    reason: 'no known extension and no recognizable content',
  }
}

async function detectTable(fileName: string, open: () => Readable): Promise<Detection> {
  const input = open()
  let header: string[] = []
  try {
    for await (const record of readTable(input, fileName)) {
      header = record.cells
      break
    }
  } finally {
    input.destroy()
  }
  const present = new Set(header.map(normalizeHeader))
  const matches = TABLE_CHANNELS.filter(([, specs]) =>
    Object.values(specs)
      .filter((spec) => spec.required)
      .every((spec) => spec.aliases.some((alias) => present.has(normalizeHeader(alias)))),
  ).map(([channel]) => channel)
  const [first] = matches
  if (first) return found(first, `${tableFormatOf(fileName)} header`)
  return {
    kind: 'unknown',
    candidates: TABLE_CHANNELS.map(([channel]) => channel),
    reason: `the header row matches no known export (${header.slice(0, 6).join(', ') || 'empty'})`,
  }
}

function found(channel: Channel, by: string): Detection {
  return { kind: 'found', channel, by }
}
