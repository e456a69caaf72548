import {
  addMinutes,
  pickContactTime,
  pickEdgeTime,
  pickReplyTime,
  wallClock,
  wibTime,
} from './clock.js'
import type { Customer } from './customer.js'
import { isoNaiveText } from './date-text.js'
import {
  DJPK_UNIT_LABELS,
  HAI_SPAM_SUBJECTS,
  OTHER_UNITS,
  SERVICE_CATEGORIES,
} from './hai-units.js'
import { HAI_AGENTS } from './names.js'
import type { Prng } from './prng.js'
import { pickSegmentLabel } from './segment-labels.js'
import { pickSubject, pickTopic } from './topics.js'

/** A row of the HAI Kemenkeu report; its id is given once all rows of the month are in order. */
export interface HaiRow {
  createdAt: Date
  cells: (id: number) => string[]
}

/**
 * A DJPK consultation. `edge`: opened in the night of the 1st (WIB), the previous day in UTC;
 * `last`: the report was pulled on 31 December 2021, so the latest tickets are still open.
 */
export function djpkRow(
  prng: Prng,
  month: string,
  customer: Customer,
  { edge, recent, last }: { edge: boolean; recent: boolean; last: boolean },
): HaiRow {
  const createdAt = edge ? pickEdgeTime(prng, month, 'first day') : pickContactTime(prng, month)
  const topic = pickTopic(prng)
  const subject = pickSubject(prng, topic, month, customer.region.name)
  const firstReply = pickReplyTime(prng, createdAt, 30, 1440)
  const resolved = pickReplyTime(prng, firstReply, 60, 4 * 1440)
  const state =
    last && resolved > wibTime(month, 31, 12)
      ? firstReply > wibTime(month, 31, 12)
        ? 'new'
        : 'awaiting_user'
      : recent
        ? prng.pick(['resolved', 'resolved', 'archived'])
        : 'archived'
  const answered = state !== 'new'
  const closed = state === 'resolved' || state === 'archived'
  const segment = pickSegmentLabel(prng, 'hai', customer.segment)
  const unit = prng.weighted(DJPK_UNIT_LABELS)
  return {
    createdAt,
    cells: (id) => [
      String(id),
      ref(prng, id),
      subject,
      state,
      unit,
      answered ? prng.pick(HAI_AGENTS) : '',
      utcText(createdAt),
      answered ? utcText(firstReply) : '',
      closed ? utcText(resolved) : '',
      prng.pick(SERVICE_CATEGORIES),
      prng.chance(0.85) ? topic.category : '',
      segment,
    ],
  }
}

/** A DJPK ticket marked as spam or deleted: stored, not a consultation. */
export function spamRow(prng: Prng, month: string): HaiRow {
  const createdAt = pickContactTime(prng, month)
  return {
    createdAt,
    cells: (id) => [
      String(id),
      ref(prng, id),
      prng.pick(HAI_SPAM_SUBJECTS),
      prng.pick(['spam', 'deleted']),
      'DJPK',
      '',
      utcText(createdAt),
      '',
      '',
      'Informasi',
      '',
      '',
    ],
  }
}

/** Another unit's ticket: skipped by a correct adapter. */
export function otherUnitRow(prng: Prng, month: string, customer: Customer): HaiRow {
  const createdAt = pickContactTime(prng, month)
  const { unit, subjects } = prng.pick(OTHER_UNITS)
  const firstReply = pickReplyTime(prng, createdAt, 30, 1440)
  const state = prng.pick([
    'resolved',
    'archived',
    'awaiting_user',
    'awaiting_agent',
    'in_progress',
  ])
  return {
    createdAt,
    cells: (id) => [
      String(id),
      ref(prng, id),
      prng.pick(subjects),
      state,
      unit,
      prng.pick(['Dimas', 'Lestari', 'Hadi', 'Sari']),
      utcText(createdAt),
      state === 'awaiting_agent' ? '' : utcText(firstReply),
      state === 'resolved' || state === 'archived'
        ? utcText(addMinutes(firstReply, prng.int(30, 3000)))
        : '',
      prng.pick(SERVICE_CATEGORIES),
      '',
      pickSegmentLabel(prng, 'hai', customer.segment),
    ],
  }
}

/** Deskpro's human reference, `KMK-4821-QJZT`. */
function ref(prng: Prng, id: number): string {
  const letters = Array.from({ length: 4 }, () => String.fromCharCode(65 + prng.int(0, 25))).join(
    '',
  )
  return `KMK-${String(id % 10000).padStart(4, '0')}-${letters}`
}

function utcText(at: Date): string {
  return isoNaiveText(wallClock(at, 0))
}
