import {
  createChannelResult,
  countConsultation,
  countSkip,
  type ChannelResult,
} from './channel-result.js'
import { createCdrMonth } from './cdr-calls.js'
import { cdrDateRecord, cdrLine, type CdrRecord } from './cdr-record.js'
import { createCmsMonth, type CmsSegment } from './cms-calls.js'
import { createCustomerPool } from './customer.js'
import { openSink } from './file-sink.js'
import { plannedConsultations, SAMPLE_MONTHS } from './plan.js'
import type { Prng } from './prng.js'
import { createUcidMaker } from './phone-numbers.js'

const CRLF = '\r\n'
/** The first half of 2020 comes from CMS; the switch's CDR feed was set up in July 2020. */
const FIRST_CDR_MONTH = '2020-07'
const CMS_HEADER =
  'callid,segment,segstart,segstop,ucid,calling_pty,dialed_num,dispvdn,dispsplit,anslogin,disposition,talktime,duration'

/**
 * Phone: CMS call records (CSV) for January–June 2020, then one CDR file per month (fixed width,
 * default layout, CRLF). CDR files carry date records at each day change, and some end with NUL
 * padding or hold a line cut short (a reject). A call that ends after midnight on the 1st sits in
 * the next month's file but opened, and counts, in the month before.
 */
export async function writePhoneSample(outDir: string, prng: Prng): Promise<ChannelResult> {
  const result = createChannelResult()
  const pool = createCustomerPool(prng.fork('customers'), 1800)
  const nextUcid = createUcidMaker(prng.fork('ucid'))
  let carried: CdrRecord[] = []
  for (const [index, month] of SAMPLE_MONTHS.entries()) {
    const rng = prng.fork(month)
    const answered = plannedConsultations(month, 'phone')
    const pickCustomer = () => rng.pick(pool)
    countConsultation(result, month, answered)
    if (month < FIRST_CDR_MONTH) {
      const cms = createCmsMonth(rng, month, answered, pickCustomer, nextUcid)
      result.tickets += cms.tickets
      addSkips(result, cms.skipped)
      result.files.push(await writeCms(outDir, `cms-call-records-${month}.csv`, cms.segments))
      continue
    }
    const last = index === SAMPLE_MONTHS.length - 1
    const cdr = createCdrMonth(rng, month, answered, pickCustomer, nextUcid, last)
    result.tickets += cdr.tickets
    addSkips(result, cdr.skipped)
    const records = [...carried, ...cdr.records]
    carried = cdr.spill
    const cut = index % 9 === 4 ? rng.int(1, records.length - 1) : -1
    if (cut >= 0) result.rejects += 1
    result.files.push(await writeCdr(outDir, `cdr-${month}.txt`, records, cut, index % 3 === 0))
  }
  return result
}

function addSkips(result: ChannelResult, skipped: ChannelResult['skipped']) {
  for (const [reason, count] of Object.entries(skipped)) {
    countSkip(result, reason as keyof typeof skipped, count)
  }
}

/**
 * `cutAt` ≥ 0 adds, before that record, a record the serial link cut short (shorter than the
 * layout: a reject); `padded` ends the file with a line of NULs, as a buffered link leaves.
 */
async function writeCdr(
  outDir: string,
  name: string,
  records: readonly CdrRecord[],
  cutAt: number,
  padded: boolean,
) {
  const sink = await openSink(outDir, 'phone', name)
  let day = ''
  for (const [i, record] of records.entries()) {
    const recordDay = cdrDateRecord(record.endAt)
    if (recordDay !== day) {
      day = recordDay
      await sink.write(recordDay + CRLF)
    }
    if (i === cutAt) await sink.write(cdrLine({ ...record, ucid: '' }).slice(0, 61) + CRLF)
    await sink.write(cdrLine(record) + CRLF)
  }
  if (padded) await sink.write('\0'.repeat(128) + CRLF)
  return sink.close()
}

async function writeCms(outDir: string, name: string, segments: readonly CmsSegment[]) {
  const sink = await openSink(outDir, 'phone', name)
  await sink.write(CMS_HEADER + '\n')
  for (const s of segments) {
    const start = Math.floor(s.startAt.getTime() / 1000)
    const cells = [
      s.callid,
      s.segment,
      start,
      start + s.seconds,
      s.ucid,
      s.calling,
      '150420',
      s.vdn,
      s.split,
      s.login,
      s.disposition,
      s.talk,
      s.seconds,
    ]
    await sink.write(cells.join(',') + '\n')
  }
  return sink.close()
}
