import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { CHANNELS, type Channel } from '../../src/domain/channel.js'
import { generateSample } from '../../src/sample/generate-sample.js'
import { tallySample } from './tally-sample.js'

let folder = ''

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true })
})

it('is read by the channel adapters exactly as its manifest says', async () => {
  folder = await mkdtemp(join(tmpdir(), 'dering-sample-'))
  const manifest = await generateSample({ outDir: folder, seed: 11 })
  const tally = await tallySample(folder, manifest)

  const consultations = Object.fromEntries(
    Object.keys(manifest.consultations).map((month) => [
      month,
      Object.fromEntries(CHANNELS.map((c) => [c, tally.consultations[month]?.[c] ?? 0])) as Record<
        Channel,
        number
      >,
    ]),
  )
  expect(Object.keys(tally.consultations).sort()).toEqual(Object.keys(manifest.consultations))
  expect(consultations).toEqual(manifest.consultations)
  expect(tally.documents).toEqual(manifest.documents)
  expect(tally.channels).toEqual(manifest.channels)
}, 240_000)
