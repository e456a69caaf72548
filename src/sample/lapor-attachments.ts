import { base64Lines, encodedWord, rfc2231Parameter } from './mime-text.js'
import { listOf } from './names.js'
import type { Prng } from './prng.js'
import type { Region } from './regions.js'

/** What regions send: document title and file type. */
export const LAPOR_TITLES = listOf(`
  Laporan Realisasi Penyerapan DAK Fisik:pdf, Laporan Konsolidasi Penyaluran Dana Desa:pdf,
  Laporan Realisasi Penggunaan DBH CHT:pdf, SPTJM Kepala Daerah:pdf, Rekapitulasi Kontrak DAK Fisik:xlsx,
  Laporan Penggunaan Dana BOK:pdf, Surat Permohonan Penyaluran:pdf, Laporan Realisasi Dana BOS:xlsx,
  Berita Acara Rekonsiliasi:pdf, Laporan BLT Dana Desa:pdf, Scan Surat Pengantar:jpg`).map(
  (entry) => entry.split(':') as [string, string],
)
const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
}

/**
 * One attached document as a MIME part. `index` and the message id go into the content, so every
 * document of the sample is distinct. Non-ASCII names (an en dash) use RFC 2231 in
 * Content-Disposition and an encoded word in Content-Type, as mail clients write them.
 */
export function laporAttachment(
  prng: Prng,
  messageId: string,
  index: number,
  stage: string,
  region: Region,
): string {
  const [title, extension] = prng.pick(LAPOR_TITLES)
  const dash = prng.chance(0.1) ? ' – ' : ' - '
  const fileName = `${title} Tahap ${stage}${dash}${region.name.replace('.', '')}.${extension}`
  const content = documentContent(prng, extension, `${messageId} ${index} ${title}`)
  const ascii = /^[\x20-\x7e]*$/.test(fileName)
  const disposition = ascii
    ? `attachment; filename="${fileName}"`
    : `attachment;\n ${rfc2231Parameter('filename', fileName)}`
  const name = ascii ? fileName : encodedWord(fileName)
  return [
    `Content-Type: ${CONTENT_TYPES[extension]}; name="${name}"`,
    `Content-Disposition: ${disposition}`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(content),
  ].join('\n')
}

/** Small stand-in bytes with the format's signature; `unique` makes every content distinct. */
function documentContent(prng: Prng, extension: string, unique: string): Buffer {
  const filler = Buffer.from(Array.from({ length: prng.int(120, 480) }, () => prng.int(0, 255)))
  if (extension === 'pdf') {
    return Buffer.concat([
      Buffer.from(
        `%PDF-1.4\n1 0 obj\n<< /Title (${unique}) /Producer (Microsoft Word) >>\nendobj\nstream\n`,
      ),
      filler,
      Buffer.from('\nendstream\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
    ])
  }
  const signature = extension === 'jpg' ? [0xff, 0xd8, 0xff, 0xe0] : [0x50, 0x4b, 0x03, 0x04]
  return Buffer.concat([Buffer.from(signature), Buffer.from(unique), filler])
}
