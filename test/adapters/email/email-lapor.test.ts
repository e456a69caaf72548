import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseEmail } from '../../../src/adapters/email/email.js'
import type { AdapterOutput } from '../../../src/domain/adapter-output.js'
import type { DocumentEvent } from '../../../src/domain/ticket-event.js'
import { fixturePath, runAdapter } from '../run-adapter.js'

/** The attachment contents the fixtures carry, base64-encoded. */
const PDF = '%PDF-1.4\nLaporan penyaluran DAU tahap II Kabupaten Sleman\n%%EOF\n'
const CSV = 'Rekap TKDD 2021;Jumlah\nDAU;1000\n'
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

function documentOutput(
  fields: Omit<DocumentEvent, 'receivedAt'> & { receivedAt: string },
): AdapterOutput {
  return {
    kind: 'document',
    recordNumber: 1,
    document: { ...fields, receivedAt: new Date(fields.receivedAt) },
  }
}

const slemanReport = {
  messageId: 'lapor-2231@bpkad.slemankab.go.id',
  receivedAt: '2021-12-13T01:30:00Z',
  senderDomain: 'bpkad.slemankab.go.id',
}
const slemanDocuments = (messageId: string): AdapterOutput[] => [
  documentOutput({
    ...slemanReport,
    messageId,
    fileName: 'Laporan Penyaluran DAU Tahap II – Sleman.pdf',
    sizeBytes: 64,
    sha256: sha256(PDF),
  }),
  documentOutput({
    ...slemanReport,
    messageId,
    fileName: 'Rekap TKDD 2021.csv',
    sizeBytes: 32,
    sha256: sha256(CSV),
  }),
]

describe('parseEmail: Email Lapor', () => {
  it('yields one document per attachment, RFC 2231 names (continued, with a charset) decoded', async () => {
    expect(await runAdapter(parseEmail, 'email/lapor-rfc2231-names.eml')).toEqual(
      slemanDocuments('lapor-2231@bpkad.slemankab.go.id'),
    )
  })

  it('reads CRLF messages the same', async () => {
    expect(await runAdapter(parseEmail, 'email/crlf-lapor.eml')).toEqual(
      slemanDocuments('lapor-crlf@bpkad.slemankab.go.id'),
    )
  })

  it('decodes an encoded-word file name given only as the Content-Type name', async () => {
    expect(await runAdapter(parseEmail, 'email/lapor-encoded-word-name.eml')).toEqual([
      documentOutput({
        messageId: 'lapor-ew@bkad.jogjaprov.go.id',
        receivedAt: '2021-12-14T03:00:00Z',
        senderDomain: 'bkad.jogjaprov.go.id',
        fileName: 'Laporan Realisasi TKDD – DIY.pdf',
        sizeBytes: 64,
        sha256: sha256(PDF),
      }),
    ])
  })

  it('does not count an inline image shown through cid: as a document', async () => {
    expect(await runAdapter(parseEmail, 'email/lapor-inline-cid-image.eml')).toEqual([
      documentOutput({
        messageId: 'lapor-cid@bpkad.bantulkab.go.id',
        receivedAt: '2021-12-15T02:00:00Z',
        senderDomain: 'bpkad.bantulkab.go.id',
        fileName: 'Laporan Bantul.pdf',
        sizeBytes: 64,
        sha256: sha256(PDF),
      }),
    ])
  })

  it('skips a message whose only part is an inline cid: image (%-encoded link)', async () => {
    expect(await runAdapter(parseEmail, 'email/lapor-inline-image-only.eml')).toEqual([
      { kind: 'skip', recordNumber: 1, reason: 'no attachment' },
    ])
  })

  it('yields the same content attached twice with one key, for the loader to store once', async () => {
    const common = {
      messageId: 'lapor-dup@bpkad.slemankab.go.id',
      receivedAt: '2021-12-16T06:00:00Z',
      senderDomain: 'bpkad.slemankab.go.id',
      sizeBytes: 64,
      sha256: sha256(PDF),
    }
    expect(await runAdapter(parseEmail, 'email/lapor-duplicate-attachment.eml')).toEqual([
      documentOutput({ ...common, fileName: 'laporan.pdf' }),
      documentOutput({ ...common, fileName: 'laporan (1).pdf' }),
    ])
  })

  it('skips a message without attachments', async () => {
    expect(await runAdapter(parseEmail, 'email/lapor-no-attachment.eml')).toEqual([
      { kind: 'skip', recordNumber: 1, reason: 'no attachment' },
    ])
  })

  it('rejects each attachment of a message without a usable date', async () => {
    const raw = readFileSync(fixturePath('email/lapor-no-date.eml'), 'utf8')
    const problem = 'unparseable Date "16/12/2021" and no Received header'
    expect(await runAdapter(parseEmail, 'email/lapor-no-date.eml')).toEqual([
      { kind: 'reject', recordNumber: 1, reason: `${problem} (attachment laporan.pdf)`, raw },
      {
        kind: 'reject',
        recordNumber: 1,
        reason: `${problem} (attachment (unnamed application/octet-stream))`,
        raw,
      },
    ])
  })
})
