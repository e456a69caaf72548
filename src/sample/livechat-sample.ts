import {
  createChannelResult,
  countConsultation,
  countSkip,
  type ChannelResult,
} from './channel-result.js'
import { wibTime } from './clock.js'
import { createCustomerPool } from './customer.js'
import { createChat, type ChatKind, type DateStyle, type DeskproChat } from './deskpro-chats.js'
import { openSink } from './file-sink.js'
import { nextMonth } from '../domain/wib-month.js'
import { plannedConsultations, SAMPLE_MONTHS } from './plan.js'
import type { Prng } from './prng.js'

type FileShape = 'page' | 'array' | 'ndjson'
const PER_PAGE = 25

/**
 * Live chat: Deskpro chats from April 2021, one export per month in turn as API pages, a plain
 * array and NDJSON. Abandoned chats and agent-to-agent chats come on top of the consultations.
 * Some months also have a mid-month export in which the latest chats are still open.
 */
export async function writeLivechatSample(outDir: string, prng: Prng): Promise<ChannelResult> {
  const result = createChannelResult()
  const pool = createCustomerPool(prng.fork('customers'), 400)
  let nextId = 5000 + prng.int(0, 99)
  const months = SAMPLE_MONTHS.filter((month) => plannedConsultations(month, 'livechat') > 0)
  for (const [index, month] of months.entries()) {
    const rng = prng.fork(month)
    const count = plannedConsultations(month, 'livechat')
    const kinds: ChatKind[] = [
      ...Array<ChatKind>(count).fill('consultation'),
      ...Array<ChatKind>(Math.round((count * rng.int(25, 45)) / 100)).fill('abandoned'),
      'agent-to-agent',
    ]
    const last = index === months.length - 1
    const midMonth = index % 3 === 2 || last
    const chats = kinds
      .map((kind, i) =>
        createChat(
          rng,
          month,
          kind,
          rng.pick(pool),
          specialTime(rng, month, i, index > 0, midMonth),
        ),
      )
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    for (const chat of chats) {
      nextId += 1
      chat.id = nextId
    }
    result.tickets += kinds.length - 1
    countConsultation(result, month, count)
    countSkip(result, 'agent-to-agent chat')

    const shape: FileShape = (['page', 'array', 'ndjson'] as const)[index % 3]!
    const style: DateStyle = shape === 'ndjson' ? 'iso' : 'naive'
    if (midMonth) {
      // Taken while the afternoon's chats were still going on.
      const exportedAt = wibTime(month, 15, 14, 0)
      const early = chats.filter(
        (chat) => chat.createdAt <= exportedAt && chat.kind === 'consultation',
      )
      result.files.push(
        ...(await writeChats(outDir, `chats-${month}-15`, 'page', early, exportedAt, 'naive')),
      )
    }
    const exportedAt = last ? wibTime(month, 31, 23, 59) : wibTime(nextMonth(month), 2, 8)
    result.files.push(
      ...(await writeChats(outDir, `chats-${month}`, shape, chats, exportedAt, style)),
    )
  }
  return result
}

async function writeChats(
  outDir: string,
  base: string,
  shape: FileShape,
  chats: readonly DeskproChat[],
  exportedAt: Date,
  style: DateStyle,
) {
  const json = (chat: DeskproChat) => JSON.stringify(chat.toJson(exportedAt, style))
  if (shape === 'ndjson') {
    const sink = await openSink(outDir, 'livechat', `${base}.ndjson`)
    for (const chat of chats) await sink.write(json(chat) + '\n')
    return [await sink.close()]
  }
  if (shape === 'array') {
    const sink = await openSink(outDir, 'livechat', `${base}.json`)
    await sink.write(`[\n${chats.map(json).join(',\n')}\n]\n`)
    return [await sink.close()]
  }
  const pages = Math.max(1, Math.ceil(chats.length / PER_PAGE))
  const files = []
  for (let page = 1; page <= pages; page += 1) {
    const items = chats.slice((page - 1) * PER_PAGE, page * PER_PAGE)
    const meta = {
      pagination: {
        total: chats.length,
        count: items.length,
        per_page: PER_PAGE,
        current_page: page,
        total_pages: pages,
      },
    }
    const sink = await openSink(outDir, 'livechat', `${base}-page-${page}.json`)
    await sink.write(
      `{"data":[\n${items.map(json).join(',\n')}\n],"meta":${JSON.stringify(meta)}}\n`,
    )
    files.push(await sink.close())
  }
  return files
}

/**
 * The month's first chat comes in the night of the 1st (WIB), still the previous day in
 * Deskpro's UTC dates; in a month with a mid-month export, the second is still going on when
 * the export is taken (15th, 14:00 WIB).
 */
function specialTime(
  prng: Prng,
  month: string,
  i: number,
  edge: boolean,
  midMonth: boolean,
): Date | undefined {
  if (i === 0 && edge) return wibTime(month, 1, 0, prng.int(5, 50), prng.int(0, 59))
  if (i === 1 && midMonth) return wibTime(month, 15, 13, prng.int(53, 58), prng.int(0, 59))
  return undefined
}
