import fc from 'fast-check'
import type { Adapter } from '../../src/adapters/adapter.js'
import { parseDeskproLivechat } from '../../src/adapters/livechat/deskpro-livechat.js'
import { parseEmail } from '../../src/adapters/email/email.js'
import { parseHaiKemenkeu } from '../../src/adapters/hai_kemenkeu/hai-kemenkeu.js'
import { parsePhone } from '../../src/adapters/phone/phone.js'
import { parseSociomile } from '../../src/adapters/whatsapp/sociomile.js'

/**
 * One export format under fuzzing: how to make a well-formed record (one line or CSV row), the
 * file around the records, and how many records a (possibly mangled) file holds when the format
 * can tell that from its lines alone.
 */
export interface FuzzFormat {
  name: string
  fileName: string
  adapter: Adapter
  header: string
  record: fc.Arbitrary<string>
  /** The file around the records (default: the header line, then one record per line). */
  frame?: (header: string, records: string[]) => string
  /** Records in the text by the format's own line rule; undefined where only a parser can tell. */
  countRecords?: (text: string) => number
  /** Whether record numbers run 1…n without gaps (tables, NDJSON; not CDR line numbers, not mail). */
  contiguous: boolean
}

const pick = <T>(...values: T[]) => fc.constantFrom(...values)
const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`))
const anyText = fc.string({ unit: 'grapheme', maxLength: 20 })
const cell = (realistic: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 4, arbitrary: realistic }, { weight: 1, arbitrary: anyText })
const dayFirst = fc
  .tuple(
    fc.integer({ min: 1, max: 31 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 2019, max: 2023 }),
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
  )
  .map(
    ([d, m, y, h, mi]) =>
      `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y} ${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`,
  )
const date = fc.oneof(
  dayFirst,
  pick('2021-12-01 09:23:00', '01 Des 2021 09:49', '2021-11-30T17:20:18+0000', ''),
)

/** A CSV row with fields quoted when they hold the separator, a quote or a line break. */
const csvRow = (separator: string, cells: fc.Arbitrary<string>[]) =>
  fc
    .tuple(...cells)
    .map((values) =>
      values
        .map((v) => (/["\r\n]/.test(v) || v.includes(separator) ? `"${v.replace(/"/g, '""')}"` : v))
        .join(separator),
    )

/** CSV rows: one per record, except that a row of only separators and spaces is not a record. */
const isBlankRow = (row: string, separator: string) =>
  row.split(separator).every((c) => c.replace(/"/g, '').trim() === '')

const SOCIOMILE_HEADER =
  'Ticket ID;Channel;Customer Phone;Subject;Category;Customer Type;Status;Agent;Created At;First Response At;Resolved At'
const HAI_HEADER =
  'Ticket ID,Unit Eselon I Terkait,Date Created,Date First Agent Reply,Date Resolved,Status,Agent,Topik Permasalahan,Jenis Stakeholder,Subject'
const CMS_HEADER =
  'callid,segment,segstart,segstop,ucid,calling_pty,dialed_num,dispvdn,dispsplit,anslogin,disposition,talktime,duration'

const sociomileRow = csvRow(';', [
  cell(fc.oneof(digits(6), fc.stringMatching(/^[0-9a-f]{24}$/), pick('6.49E+23'))),
  cell(pick('WhatsApp', 'WA', 'Telegram', '')),
  cell(pick('081234567890', '+62 857-1234-5678', '')),
  anyText,
  cell(pick('DAU', 'SIKD', '')),
  cell(pick('Pemda', 'Mahasiswa', 'K/L', '')),
  cell(pick('Open', 'Baru', 'Diproses', 'Selesai', 'Spam', 'constructor')),
  cell(pick('Rina', '')),
  cell(date),
  cell(date),
  cell(date),
])
const haiRow = csvRow(',', [
  cell(digits(5)),
  cell(pick('DJPK', 'DJP', 'Direktorat Jenderal Perimbangan Keuangan', '')),
  cell(date),
  cell(date),
  cell(date),
  cell(pick('Resolved', 'Open', 'Closed', 'Awaiting Agent')),
  cell(pick('Agus', '')),
  cell(pick('DAU', '')),
  cell(pick('Pemerintah Daerah', 'Mahasiswa', '')),
  anyText,
])
const cmsRow = csvRow(',', [
  cell(digits(5)),
  cell(pick('1', '2', '3')),
  cell(fc.integer({ min: 1_600_000_000, max: 1_700_000_000 }).map(String)),
  cell(fc.integer({ min: 1_600_000_000, max: 1_700_000_000 }).map(String)),
  cell(digits(20)),
  cell(pick('081234567890', '')),
  pick('150420'),
  pick('71001'),
  pick('5'),
  cell(pick('4001', '')),
  cell(pick('1', '2', '3', '4', '5', '6', '7', 'ABAN', '9')),
  pick('0'),
  pick('38'),
])

const CDR_WIDTHS = [6, 4, 5, 1, 4, 4, 4, 18, 15, 5, 3, 20]
const CDR_LENGTH = CDR_WIDTHS.reduce((sum, w) => sum + w, 0) + CDR_WIDTHS.length - 1
const cdrLine = fc
  .tuple(
    digits(6),
    digits(4),
    fc.integer({ min: 0, max: 99_999 }),
    pick('9', 'H', 'I', 'A', 'G', '4', 'C', '0', 'X', ' '),
    digits(12),
    digits(20),
  )
  .map(([d, t, dur, cond, calling, ucid]) =>
    [d, t, String(dur).padStart(5), cond, '', '', '0701', '150420', calling, '71001', '012', ucid]
      .map((v, i) => v.padEnd(CDR_WIDTHS[i]!).slice(0, CDR_WIDTHS[i]))
      .join(' '),
  )
/** A date record: `MM DD` or `MMDD` (either order valid), alone or after a collector's prefix. */
const DATE_RECORD = /(?:^|\s)(\d{2}) ?(\d{2})$/
/** The start of a record of the fuzzed layout: date, time, sec-dur and condition code in place. */
const RECORD_START =
  /(?<![A-Za-z0-9])\d{6} (?:[01]\d|2[0-3])[0-5]\d (?: {4}\d| {3}\d{2}| {2}\d{3}| \d{4}|\d{5}) [^]/
const isDateRecord = (line: string, bare: string) => {
  const match = DATE_RECORD.exec(bare)
  if (!match || bare.length >= CDR_LENGTH || RECORD_START.test(line.replace(/\0+$/, ''))) {
    return false
  }
  const [first, second] = [Number(match[1]), Number(match[2])]
  const valid = (month: number, day: number) => month >= 1 && month <= 12 && day >= 1 && day <= 31
  return valid(first, second) || valid(second, first)
}
/**
 * Lines that are CDR records: not blank, not NUL padding, not a date record (phone.md, A); a
 * line that begins a record is one however it ends (a cut record ending in `0415` included).
 */
const countCdrRecords = (text: string) =>
  text.split(/\r\n|\r|\n/).filter((line) => {
    const bare = line.replace(/[\0\uFEFF]/g, '').trim()
    return bare !== '' && !isDateRecord(line, bare)
  }).length

const json = fc.jsonValue({ maxDepth: 3 })
const chat = fc
  .record(
    {
      id: fc.oneof(fc.nat(), digits(4), fc.constant(null), anyText),
      status: pick('ended', 'open', 'other'),
      ended_by: pick('user', 'agent', 'abandoned', 'wait_timeout', null),
      is_agent: fc.boolean(),
      date_created: date,
      date_created_ts: fc.oneof(fc.integer({ min: 1_600_000_000, max: 1_700_000_000 }), anyText),
      date_first_agent_message: fc.oneof(date, fc.constant(null)),
      date_ended: fc.oneof(date, fc.constant(null)),
      agent: fc.oneof(fc.record({ name: anyText }), fc.constant(null), anyText),
      person: fc.oneof(fc.record({ email: pick('budi@bpkad.go.id', 'x') }), fc.constant(null)),
      department: fc.oneof(fc.record({ title: anyText }), anyText),
      labels: fc.array(fc.oneof(anyText, json), { maxLength: 3 }),
      custom_data: fc.oneof(
        fc.array(fc.record({ title: pick('Jenis Pengguna', 'x'), value: json }), { maxLength: 2 }),
        json,
      ),
      messages: fc.array(json, { maxLength: 3 }),
      extra: json,
    },
    { requiredKeys: ['id', 'date_created'] },
  )
  .map((value) => JSON.stringify(value))
/** NDJSON: every non-blank line is a record. */
const countNdjsonRecords = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== '').length

const mailMessage = fc
  .tuple(
    pick('budi@bpkad.bantulkab.go.id', 'rina@kemenkeu.go.id', 'x'),
    pick('callcenter.djpk@kemenkeu.go.id', 'lapor.djpk@kemenkeu.go.id', ''),
    anyText,
    date,
    fc.stringMatching(/^[a-z0-9]{1,12}$/),
    anyText,
  )
  .map(
    ([from, to, subject, when, id, body]) =>
      `From ${from} Wed Dec  1 09:00:00 2021\nFrom: ${from}\nTo: ${to}\nSubject: ${subject}\nDate: ${when}\nMessage-ID: <${id}@mail>\n\n${body}\n`,
  )

export const FUZZ_FORMATS: readonly FuzzFormat[] = [
  {
    name: 'sociomile csv',
    fileName: 'export.csv',
    adapter: parseSociomile,
    header: SOCIOMILE_HEADER,
    record: sociomileRow,
    contiguous: true,
  },
  {
    name: 'hai kemenkeu csv',
    fileName: 'hai.csv',
    adapter: parseHaiKemenkeu,
    header: HAI_HEADER,
    record: haiRow,
    contiguous: true,
  },
  {
    name: 'avaya cms csv',
    fileName: 'cms.csv',
    adapter: parsePhone,
    header: CMS_HEADER,
    record: cmsRow,
    contiguous: true,
  },
  {
    name: 'avaya cdr',
    fileName: 'calls.cdr',
    adapter: parsePhone,
    header: '',
    record: cdrLine,
    countRecords: countCdrRecords,
    contiguous: false,
  },
  {
    name: 'deskpro ndjson',
    fileName: 'chats.ndjson',
    adapter: parseDeskproLivechat,
    header: '',
    record: chat,
    countRecords: countNdjsonRecords,
    contiguous: true,
  },
  {
    name: 'deskpro json array',
    fileName: 'chats.json',
    adapter: parseDeskproLivechat,
    header: '',
    record: chat,
    frame: (_, records) => `[${records.join(',\n')}]`,
    contiguous: true,
  },
  {
    name: 'email mbox',
    fileName: 'inbox.mbox',
    adapter: parseEmail,
    header: '',
    record: mailMessage,
    contiguous: false,
  },
]

export { isBlankRow }
