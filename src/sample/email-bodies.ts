import { wallClock } from './clock.js'
import { listOf } from './names.js'
import type { Prng } from './prng.js'

/** Greetings for the time of day, in WIB hours; or a formal opening at any time. */
const GREETINGS: readonly (readonly [number, string])[] = [
  [11, 'Selamat pagi'],
  [15, 'Selamat siang'],
  [18, 'Selamat sore'],
  [24, 'Selamat malam'],
]
const FORMAL = listOf('Yth. Call Center DJPK, Assalamualaikum, Dengan hormat')
const DETAILS = listOf(`
  Sampai saat ini dana tersebut belum masuk ke RKUD kami.,
  Apakah ada persyaratan dokumen yang masih harus kami lengkapi?,
  Kami sudah mengunggah dokumen namun statusnya belum berubah.,
  Mohon arahan Bapak/Ibu terkait hal tersebut.,
  Data tersebut kami perlukan untuk penyusunan skripsi.,
  Kami belum menerima surat pemberitahuan dari DJPK.,
  Mohon dikirimkan rinciannya per daerah bila memungkinkan.`)
const ANSWERS = listOf(`
  Penyaluran dilakukan setelah dokumen persyaratan dinyatakan lengkap dan benar.,
  Informasi rincian alokasi dapat dilihat pada laman djpk.kemenkeu.go.id.,
  Silakan mengunggah kembali dokumen melalui aplikasi dan menginformasikan kepada kami.,
  Permohonan data dapat disampaikan melalui layanan PPID DJPK.,
  Pertanyaan Bapak/Ibu telah kami teruskan ke direktorat teknis terkait.`)

/** What a customer writes: a greeting, the question, a detail, a signature. */
export function customerBody(
  prng: Prng,
  subject: string,
  name: string,
  organization: string,
  sentAt: Date,
): string {
  const hour = wallClock(sentAt).hour
  const greeting = prng.chance(0.3)
    ? prng.pick(FORMAL)
    : GREETINGS.find(([until]) => hour < until)![1]
  const lines = [
    `${greeting},`,
    '',
    `Mohon informasi terkait ${subject.charAt(0).toLowerCase()}${subject.slice(1)}. ${prng.pick(DETAILS)}`,
    '',
    // An mbox writer must escape this line as `>From `; readers undo it.
    ...(prng.chance(0.04) ? [`From ${organization}, kami tunggu jawabannya.`, ''] : []),
    'Terima kasih.',
    '',
    name,
    organization,
  ]
  return lines.join('\n')
}

/** An agent's answer, quoting the customer's message the way Outlook does. */
export function agentBody(
  prng: Prng,
  customerName: string,
  agentName: string,
  quoted: string,
): string {
  return [
    `Yth. Bapak/Ibu ${customerName},`,
    '',
    'Terima kasih telah menghubungi Call Center DJPK.',
    prng.pick(ANSWERS),
    '',
    'Salam,',
    // The inbox's own address signs as the team; an agent's mailbox with the agent's name too.
    ...(agentName === 'Call Center DJPK' ? [] : [agentName]),
    'Call Center DJPK 150420',
    'Direktorat Jenderal Perimbangan Keuangan',
    '',
    '-----Original Message-----',
    ...quoted.split('\n').map((line) => `> ${line}`),
  ].join('\n')
}

export function htmlOf(text: string): string {
  const escaped = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
  return `<div dir="ltr">${escaped.split('\n').join('<br>')}</div>`
}
