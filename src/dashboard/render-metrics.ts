import { Gauge, Registry } from 'prom-client'
import { QUEUE_NAMES } from '../queue/catalog.js'
import type { Services } from '../services.js'
import { readPipelineStats } from '../db/pipeline-stats.js'

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE

const RECORD_OUTCOMES = ['read', 'inserted', 'updated', 'unchanged', 'skipped', 'rejected'] as const

/**
 * The Prometheus text for one scrape: BullMQ's own exporter for the queues (job counts per
 * state, completed and failed totals) and the pipeline's figures from Postgres.
 */
export async function renderMetrics(services: Services): Promise<string> {
  const [queueTexts, stats, lastRollup] = await Promise.all([
    Promise.all(QUEUE_NAMES.map((name) => services.queues[name].exportPrometheusMetrics())),
    readPipelineStats(services.db),
    services.queues.rollup.getCompleted(0, 0).then(([job]) => job?.finishedOn ?? null),
  ])
  // A registry per scrape: the values are read fresh from Postgres, never accumulated here.
  const registry = new Registry()
  const imports = gauge(registry, 'dering_imports', 'Imported files by channel and status', [
    'channel',
    'status',
  ])
  for (const row of stats.imports) {
    imports.set({ channel: row.channel, status: row.status }, row.count)
  }
  const records = gauge(registry, 'dering_import_records', 'Records of all imports by outcome', [
    'channel',
    'outcome',
  ])
  for (const row of stats.records) {
    for (const outcome of RECORD_OUTCOMES) {
      records.set({ channel: row.channel, outcome }, row[outcome])
    }
  }
  const rejects = gauge(registry, 'dering_rejects', 'Quarantined records by channel', ['channel'])
  for (const row of stats.rejects) rejects.set({ channel: row.channel }, row.count)
  const tickets = gauge(registry, 'dering_tickets', 'Tickets in the fact table by channel', [
    'channel',
  ])
  for (const row of stats.tickets) tickets.set({ channel: row.channel }, row.count)
  const last = gauge(
    registry,
    'dering_last_success_timestamp_seconds',
    'When an ingest or rollup last succeeded',
    ['job'],
  )
  if (stats.lastIngest) last.set({ job: 'ingest' }, stats.lastIngest.getTime() / 1000)
  if (lastRollup) last.set({ job: 'rollup' }, lastRollup / 1000)
  return mergeExpositions([...queueTexts, await registry.metrics()])
}

function gauge<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: L[],
): Gauge<L> {
  return new Gauge({ name, help, labelNames, registers: [registry] })
}

/**
 * Joins exposition texts so that each metric family appears once, its samples together: BullMQ
 * exports each queue on its own, repeating HELP and TYPE, which Prometheus rejects.
 */
function mergeExpositions(texts: readonly string[]): string {
  const families = new Map<string, { header: string[]; samples: string[] }>()
  for (const text of texts) {
    let current: { header: string[]; samples: string[] } | undefined
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue
      const meta = /^# (HELP|TYPE) (\S+)/.exec(line)
      const name = meta ? meta[2]! : /^[^{\s]+/.exec(line)?.[0]
      if (!name) continue
      const family = familyOf(name, families)
      current = families.get(family)
      if (!current) {
        current = { header: [], samples: [] }
        families.set(family, current)
      }
      if (meta) {
        if (!current.header.some((h) => h.startsWith(`# ${meta[1]} `))) current.header.push(line)
      } else current.samples.push(line)
    }
  }
  return `${[...families.values()].flatMap((f) => [...f.header, ...f.samples]).join('\n')}\n`
}

/** Sample names may carry a histogram/summary suffix; they belong to the family declared before. */
function familyOf(name: string, families: ReadonlyMap<string, unknown>): string {
  if (families.has(name)) return name
  const base = name.replace(/_(bucket|sum|count)$/, '')
  return families.has(base) ? base : name
}
