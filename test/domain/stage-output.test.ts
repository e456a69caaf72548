import { describe, expect, it } from 'vitest'
import type { TicketOutput } from '../../src/domain/adapter-output.js'
import { truncateText } from '../../src/domain/field-limits.js'
import { stageDocumentOutput, stageTicketOutput } from '../../src/domain/stage-output.js'

const ticket = (fields: Partial<TicketOutput['event']>, warnings?: string[]): TicketOutput => ({
  kind: 'ticket',
  recordNumber: 7,
  event: {
    channel: 'whatsapp',
    sourceTicketId: 'T-1',
    openedAt: new Date('2021-12-01T02:00:00Z'),
    firstResponseAt: null,
    closedAt: null,
    status: 'open',
    agent: 'Rina',
    topic: 'DAU',
    segment: 'pemda',
    subject: 'Tanya DAU',
    customerKey: null,
    messageCount: null,
    raw: { id: 'T-1' },
    ...fields,
  },
  ...(warnings ? { warnings } : {}),
})

describe('stageTicketOutput', () => {
  it('returns a clean record as it is', () => {
    const output = ticket({})
    expect(stageTicketOutput(output)).toBe(output)
  })

  it('cuts long fields to their limits, says so on the record, keeps earlier warnings', () => {
    const staged = stageTicketOutput(
      ticket({ topic: 't'.repeat(3_000), subject: 's'.repeat(501), agent: 'a'.repeat(200) }, [
        'bad first response time',
      ]),
    )
    expect(staged).toMatchObject({
      kind: 'ticket',
      event: {
        topic: `${'t'.repeat(199)}…`,
        subject: `${'s'.repeat(499)}…`,
        agent: 'a'.repeat(200),
      },
      warnings: [
        'bad first response time',
        'topic cut to 200 of 3000 characters',
        'subject cut to 500 of 501 characters',
      ],
    })
  })

  it('replaces contacts in subject and topic, not in the agent (staff) field', () => {
    const staged = stageTicketOutput(
      ticket({ subject: 'hubungi 0812-3456-7890 atau budi@mail.id', agent: 'rina@kemenkeu.go.id' }),
    )
    expect(staged).toMatchObject({
      event: {
        subject: 'hubungi [nomor] atau [email]',
        agent: 'rina@kemenkeu.go.id',
        topic: 'DAU',
      },
    })
    expect((staged as TicketOutput).warnings).toBeUndefined()
  })

  it('rejects a record whose id is too long to be an id', () => {
    expect(stageTicketOutput(ticket({ sourceTicketId: 'x'.repeat(501) }))).toEqual({
      kind: 'reject',
      recordNumber: 7,
      reason: 'ticket id longer than 500 characters (501)',
      raw: '{"id":"T-1"}',
    })
  })
})

describe('stageDocumentOutput', () => {
  const document = (messageId: string, fileName: string) => ({
    kind: 'document' as const,
    recordNumber: 2,
    document: {
      messageId,
      receivedAt: new Date(),
      senderDomain: null,
      fileName,
      sizeBytes: 1,
      sha256: 'a'.repeat(64),
    },
  })
  it('cuts a file name to 255 characters and rejects an overlong Message-ID', () => {
    const staged = stageDocumentOutput(document('m@x', `${'n'.repeat(300)}.pdf`))
    expect(staged.kind === 'document' && staged.document.fileName.length).toBe(255)
    expect(stageDocumentOutput(document('m'.repeat(600), 'a.pdf'))).toMatchObject({
      kind: 'reject',
      reason: 'Message-ID longer than 500 characters (600)',
    })
  })
})

describe('truncateText', () => {
  it('never splits a surrogate pair and leaves a fitting value alone', () => {
    expect(truncateText('abc', 3)).toBeNull()
    expect(truncateText('ab😀cd', 4)).toBe('ab…')
    expect(truncateText('abc😀d', 4)).toBe('abc…')
  })
})
