import {
  createChannelResult,
  countConsultation,
  countSkip,
  type ChannelResult,
} from './channel-result.js'
import { csvLine } from './csv-line.js'
import { createCustomerPool } from './customer.js'
import { djpkRow, otherUnitRow, spamRow, type HaiRow } from './hai-rows.js'
import { openSink } from './file-sink.js'
import { listOf } from './names.js'
import { plannedConsultations, SAMPLE_MONTHS } from './plan.js'
import type { Prng } from './prng.js'

/** Until 2021 the report screen named some columns differently (all are header aliases). */
const HEADERS = {
  '2020':
    listOf(`ID, Ref, Subject, Status, Department, Agent, Tanggal Dibuat, Date First Agent Reply,
    Date Resolved, Kategori Layanan, Topik Permasalahan, Asal Unit/Individu/Masyarakat`),
  '2021': listOf(`Ticket ID, Ref, Subject, Status, Unit Eselon I Terkait, Agent, Date Created,
    Date First Agent Reply, Date Resolved, Kategori Layanan, Topik Permasalahan, Jenis Stakeholder`),
}

/**
 * HAI Kemenkeu: the ministry-wide ticket report, one CSV (`,`, LF) per month of its UTC dates.
 * Times are naive UTC, so a DJPK ticket opened in the night of the 1st (WIB) sits in the
 * previous month's file and counts in its own month. Most rows belong to other units (skipped);
 * some DJPK tickets are spam or deleted.
 */
export async function writeHaiSample(outDir: string, prng: Prng): Promise<ChannelResult> {
  const result = createChannelResult()
  const pool = createCustomerPool(prng.fork('customers'), 900)
  const byFile = new Map<string, string[][]>()
  let nextId = 40_000 + prng.int(0, 999)
  for (const [index, month] of SAMPLE_MONTHS.entries()) {
    const rng = prng.fork(month)
    const count = plannedConsultations(month, 'hai_kemenkeu')
    const recent = month >= '2021-11'
    const rows: HaiRow[] = []
    for (let i = 0; i < count; i += 1) {
      const edge = i === 0 && index > 0
      rows.push(
        djpkRow(rng, month, rng.pick(pool), {
          edge,
          recent,
          last: index === SAMPLE_MONTHS.length - 1,
        }),
      )
    }
    const spam = rng.int(0, 3)
    for (let i = 0; i < spam; i += 1) rows.push(spamRow(rng, month))
    const others = count * 3 + rng.int(10, 40)
    for (let i = 0; i < others; i += 1) rows.push(otherUnitRow(rng, month, rng.pick(pool)))
    result.tickets += count + spam
    countConsultation(result, month, count)
    countSkip(result, 'other unit', others)

    rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    for (const row of rows) {
      nextId += rng.chance(0.9) ? 1 : rng.int(2, 9)
      // The first file also holds the few tickets whose UTC date is still the year before.
      const file = [toUtcMonth(row.createdAt), SAMPLE_MONTHS[0]!].sort().at(-1)!
      const records = byFile.get(file) ?? []
      records.push(row.cells(nextId))
      byFile.set(file, records)
    }
  }
  for (const [month, records] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    const header = HEADERS[month < '2021-01' ? '2020' : '2021']
    const sink = await openSink(outDir, 'hai_kemenkeu', `hai-kemenkeu-${month}.csv`)
    await sink.write(csvLine(header, ',') + '\n')
    for (const record of records) await sink.write(csvLine(record, ',') + '\n')
    result.files.push(await sink.close())
  }
  return result
}

function toUtcMonth(at: Date): string {
  return at.toISOString().slice(0, 7)
}
