import { execFile } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { ingestPaths } from '../../src/cli/ingest-paths.js'
import { channelFromFolder } from '../../src/files/channel-folder.js'
import { listExportFiles } from '../../src/files/list-export-files.js'
import { rollupAndWait } from '../../src/jobs/wait-for-rollup.js'
import { DEFAULT_TOPICS, OTHER_TOPIC } from '../../src/domain/topic.js'
import { generateSample } from '../../src/sample/generate-sample.js'
import { useTestServices } from '../support/services.js'
import { CLI_ARGS } from '../support/cli.js'

const run = promisify(execFile)
const PUBLISHED = new URL('../report/report-2021.json', import.meta.url).pathname

interface Published {
  consultations: {
    monthly_total: Record<string, number[]>
    yearly_total: Record<string, number>
    yearly_whatsapp_vs_other: Record<string, { whatsapp: number; other: number }>
    by_channel: Record<string, Record<string, number>>
  }
  email_lapor_documents: { monthly: Record<string, number[]>; yearly_total: Record<string, number> }
}

/** The golden test: the generated sample, ingested end to end, reproduces the 2021 report. */
describe('the sample through the whole pipeline reproduces the published 2021 report', () => {
  const t = useTestServices()
  let published: Published
  beforeAll(async () => {
    published = JSON.parse(await readFile(PUBLISHED, 'utf8')) as Published
    const dir = await mkdtemp(path.join(tmpdir(), 'dering-golden-'))
    await generateSample({ outDir: dir })
    await t.startWorker('ingest')
    await t.startWorker('rollup', 1)
    const outcomes = await ingestPaths(t.services, await listExportFiles([dir]), {
      channelOf: channelFromFolder(dir),
    })
    expect(outcomes.filter((o) => o.status === 'failed')).toEqual([])
    await rollupAndWait(t.services.queues, { all: true }, 'rollup-golden')
  }, 300_000)

  it('matches every published figure in `dering report --format json`', async () => {
    const { stdout } = await run(
      process.execPath,
      [...CLI_ARGS, 'report', '--year', '2021', '--format', 'json'],
      {
        env: { ...process.env, ...t.env() },
      },
    )
    const report = JSON.parse(stdout) as Published & { month: string }
    expect(report.month).toBe('2021-12')
    expect(report.consultations.monthly_total).toEqual(published.consultations.monthly_total)
    expect(report.consultations.yearly_total).toEqual(published.consultations.yearly_total)
    for (const year of ['2020', '2021']) {
      expect(report.consultations.yearly_whatsapp_vs_other[year]).toMatchObject(
        published.consultations.yearly_whatsapp_vs_other[year]!,
      )
    }
    for (const month of ['2021-11', '2021-12']) {
      expect(report.consultations.by_channel[month]).toEqual(
        published.consultations.by_channel[month],
      )
    }
    expect(report.email_lapor_documents.monthly['2021']).toEqual(
      published.email_lapor_documents.monthly['2021'],
    )
    expect(report.email_lapor_documents.yearly_total['2021']).toBe(16_222)
  })

  it("maps every raw topic of the sample: December's top topics carry the taxonomy's labels in every channel", async () => {
    const env = { env: { ...process.env, ...t.env() } }
    const unmatched = await run(
      process.execPath,
      [...CLI_ARGS, 'report', '--unmatched-topics', '--json'],
      env,
    )
    expect(JSON.parse(unmatched.stdout)).toMatchObject({
      unmatched_consultations: 0,
      unmatched_topics: [],
    })
    const { stdout } = await run(
      process.execPath,
      [...CLI_ARGS, 'report', '--year', '2021', '--format', 'json'],
      env,
    )
    const topics = (
      JSON.parse(stdout) as {
        top_topics: Record<string, Record<string, { topic: string; code: string }[]>>
      }
    ).top_topics['2021-12']!
    const labels = DEFAULT_TOPICS.filter((topic) => topic.code !== OTHER_TOPIC).map((topic) => [
      topic.code,
      topic.label,
    ])
    // The phone's CDR has no topics; every other channel ranks the same labels, emails too.
    expect(topics.phone).toEqual([])
    for (const channel of ['whatsapp', 'email', 'hai_kemenkeu', 'livechat']) {
      const ranked = topics[channel]!.map((t) => [t.code, t.topic])
      expect(ranked.length, channel).toBeGreaterThan(0)
      expect(labels, channel).toEqual(expect.arrayContaining(ranked))
    }
  })

  it('`--compare` reports exactly the three printed figures that do not reconcile', async () => {
    const result = await run(
      process.execPath,
      [...CLI_ARGS, 'report', '--year', '2021', '--format', 'json', '--compare', PUBLISHED],
      {
        env: { ...process.env, ...t.env() },
      },
    ).catch((failure: { code: number; stdout: string }) => failure)
    expect(result).toMatchObject({ code: 1 })
    const { mismatches } = JSON.parse(result.stdout) as {
      mismatches: { published: number; computed: number }[]
    }
    expect(mismatches.map((m) => [m.published, m.computed])).toEqual(
      expect.arrayContaining([
        [19.01, 6.25],
        [75.06, 75.25],
        [74.34, 74.51],
      ]),
    )
    expect(mismatches).toHaveLength(3)
  })
})
