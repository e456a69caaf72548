import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { CHANNELS, type Channel } from '../domain/channel.js'
import type { SkipReason } from '../domain/skip-reason.js'
import type { ChannelResult } from './channel-result.js'
import { writeEmailSample } from './email-sample.js'
import type { SampleFile } from './file-sink.js'
import { writeHaiSample } from './hai-sample.js'
import { writeLivechatSample } from './livechat-sample.js'
import { writePhoneSample } from './phone-sample.js'
import { SAMPLE_MONTHS } from './plan.js'
import { createPrng, type Prng } from './prng.js'
import { DEFAULT_SAMPLE_SEED } from './sample-seed.js'
import { writeWhatsappSample } from './whatsapp-sample.js'

export interface GenerateSampleOptions {
  /** Files go to `<outDir>/<channel>/…`. */
  outDir: string
  /** Same seed, same bytes. @defaultValue DEFAULT_SAMPLE_SEED */
  seed?: number
  /**
   * Delete the five channel folders under `outDir` first; without it, a channel folder that
   * already holds files is an error, since stale files would change what an ingest counts.
   * @defaultValue false
   */
  replace?: boolean
}

/** What a correct ingest of the sample must find, per channel. */
interface ChannelExpectation {
  /** Distinct tickets, consultations or not (spam, abandoned). */
  tickets: number
  rejects: number
  skipped: Partial<Record<SkipReason, number>>
}

export interface SampleManifest {
  seed: number
  /** Every file written, sorted by path (relative to `outDir`, `/`-separated). */
  files: SampleFile[]
  /** Consultations per WIB month (`YYYY-MM`) and channel: CONSULTATION_PLAN, as written. */
  consultations: Record<string, Record<Channel, number>>
  /** Email Lapor documents per WIB month received. */
  documents: Record<string, number>
  channels: Record<Channel, ChannelExpectation>
}

const WRITERS: Record<Channel, (outDir: string, prng: Prng) => Promise<ChannelResult>> = {
  whatsapp: writeWhatsappSample,
  phone: writePhoneSample,
  email: writeEmailSample,
  hai_kemenkeu: writeHaiSample,
  livechat: writeLivechatSample,
}

/**
 * Writes a realistic, deterministic set of channel exports for January 2020 – December 2021
 * whose correct ingest reproduces the published report (plan.ts), with the quirks of each
 * format page, and returns what that ingest must count.
 */
export async function generateSample(options: GenerateSampleOptions): Promise<SampleManifest> {
  const { outDir, seed = DEFAULT_SAMPLE_SEED, replace = false } = options
  await prepareFolders(outDir, replace)
  const root = createPrng(seed)
  const results = {} as Record<Channel, ChannelResult>
  for (const channel of CHANNELS) {
    results[channel] = await WRITERS[channel](outDir, root.fork(channel))
  }

  const consultations = Object.fromEntries(
    SAMPLE_MONTHS.map((month) => [
      month,
      Object.fromEntries(CHANNELS.map((c) => [c, results[c].consultations[month] ?? 0])) as Record<
        Channel,
        number
      >,
    ]),
  )
  return {
    seed,
    files: CHANNELS.flatMap((c) => results[c].files).sort((a, b) => a.path.localeCompare(b.path)),
    consultations,
    documents: { ...results.email.documents },
    channels: Object.fromEntries(
      CHANNELS.map((c) => [
        c,
        { tickets: results[c].tickets, rejects: results[c].rejects, skipped: results[c].skipped },
      ]),
    ) as Record<Channel, ChannelExpectation>,
  }
}

async function prepareFolders(outDir: string, replace: boolean): Promise<void> {
  for (const channel of CHANNELS) {
    const folder = join(outDir, channel)
    if (replace) {
      await rm(folder, { recursive: true, force: true })
      continue
    }
    const entries = await readdir(folder).catch(() => [])
    if (entries.length > 0) {
      throw new Error(
        `${folder} already holds files: choose an empty folder, or replace the sample`,
      )
    }
  }
}
