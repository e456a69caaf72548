import { execFile } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { ingestPaths } from '../../src/cli/ingest-paths.js'
import { channelFromFolder } from '../../src/files/channel-folder.js'
import { listExportFiles } from '../../src/files/list-export-files.js'
import { rollupAndWait } from '../../src/jobs/wait-for-rollup.js'
import { DEFAULT_SAMPLE_SEED } from '../../src/sample/sample-seed.js'
import { writeHaiSample } from '../../src/sample/hai-sample.js'
import { writeLivechatSample } from '../../src/sample/livechat-sample.js'
import { writePhoneSample } from '../../src/sample/phone-sample.js'
import { createPrng } from '../../src/sample/prng.js'
import { writeWhatsappSample } from '../../src/sample/whatsapp-sample.js'
import { useTestServices, type TestServices } from '../support/services.js'
import { CLI_ARGS } from '../support/cli.js'

const run = promisify(execFile)

/**
 * `dering sample`'s exports of every channel but email (the same bytes: each channel draws from
 * its own fork of the seed; email's 30 MB of mailboxes would only slow this down), ingested once
 * as `dering demo` does (all files queued at once, two jobs at a time) and once queued in
 * reverse order and loaded one file at a time, into two databases: the reports must be the
 * same bytes. The sample has chats exported twice with the same status and a different topic
 * (a label added between the mid-month and the month's export), which the later arrival used
 * to decide.
 */
describe('the same exports in another order give a byte-identical report', () => {
  const asDemo = useTestServices()
  const reversed = useTestServices()
  let files: string[]
  let channelOf: ReturnType<typeof channelFromFolder>

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dering-order-'))
    const seed = createPrng(DEFAULT_SAMPLE_SEED)
    await writeWhatsappSample(dir, seed.fork('whatsapp'))
    await writePhoneSample(dir, seed.fork('phone'))
    await writeHaiSample(dir, seed.fork('hai_kemenkeu'))
    await writeLivechatSample(dir, seed.fork('livechat'))
    files = await listExportFiles([dir])
    channelOf = channelFromFolder(dir)
    // As the demo: two jobs at a time. Reversed: one at a time, in the order queued (FIFO).
    await asDemo.startWorker('ingest', 2)
    await reversed.startWorker('ingest', 1)
    await Promise.all([asDemo, reversed].map((t) => t.startWorker('rollup', 1)))
  }, 120_000)

  async function ingest(t: TestServices, paths: string[]): Promise<void> {
    const outcomes = await ingestPaths(t.services, paths, { channelOf })
    expect(outcomes.filter((o) => o.status === 'failed')).toEqual([])
    await rollupAndWait(t.services.queues, { all: true }, 'rollup-order')
  }

  async function reportJson(t: TestServices): Promise<string> {
    const { stdout } = await run(
      process.execPath,
      [...CLI_ARGS, 'report', '--year', '2021', '--format', 'json'],
      {
        env: { ...process.env, ...t.env() },
      },
    )
    return stdout
  }

  it('reports the same bytes, December 2021 live chat top topics included', async () => {
    await Promise.all([ingest(asDemo, files), ingest(reversed, [...files].reverse())])
    const [first, second] = await Promise.all([reportJson(asDemo), reportJson(reversed)])
    const topTopics = (json: string) =>
      (JSON.parse(json) as { top_topics: Record<string, Record<string, unknown[]>> }).top_topics[
        '2021-12'
      ]?.livechat
    expect(topTopics(first)?.length).toBeGreaterThan(0)
    expect(topTopics(second)).toEqual(topTopics(first))
    expect(second).toBe(first)
  }, 300_000)
})
