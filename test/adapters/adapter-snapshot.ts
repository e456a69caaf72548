import { createHash } from 'node:crypto'
import { createReadStream, readFileSync, readdirSync } from 'node:fs'
import {
  type Adapter,
  type AdapterContext,
  type AdapterOptions,
} from '../../src/adapters/adapter.js'
import { defaultDateWindow } from '../../src/config.js'
import { DEFAULT_ADAPTER_OPTIONS } from '../../src/services.js'
import type { AdapterOutput } from '../../src/domain/adapter-output.js'
import type { Channel } from '../../src/domain/channel.js'
import { DEFAULT_SEGMENT_MAP } from '../../src/domain/segment.js'
import { fixturePath, testCustomerKey } from './run-adapter.js'

/** What an adapter made of one fixture, in a stable JSON form. */
interface FixtureOutput {
  /** The fixture's bytes: when they change, its entry is the fixture's, not the adapter's, to update. */
  sha256: string
  outputs: unknown[]
  notes: string[]
  /** The message of the error the file failed with, after the outputs it yielded first. */
  failure?: string
}

/** One adapter version's output over every fixture of its channel, by fixture name. */
export type AdapterSnapshot = Record<string, FixtureOutput>

/** A fixed clock, so that the date window (and any rejection by it) never moves. */
const NOW = new Date('2026-01-01T00:00:00Z')

/** Fixtures written in a layout that only a setting names: read as their own tests read them. */
const FIXTURE_OPTIONS: Readonly<Record<string, Partial<AdapterOptions>>> = {
  'phone/customized-form.cdr': {
    cdrLayout:
      'date:6 time:4 sec-dur:5 space cond-code:1 space calling-num:15 dialed-num:18 space ' +
      'vdn:5 in-crt-id:3 space ucid:20 space return line-feed null:3',
  },
  'phone/reordered-items.cdr': {
    cdrLayout:
      'ucid:20 space date:6 space time:4 space cond-code:1 space sec-dur:5 space ' +
      'calling-num:15 space dialed-num:18 space in-crt-id:3',
  },
  'phone/preset-int-isdn.cdr': { cdrLayout: 'preset:int-isdn', cdrDateOrder: 'month/day' },
  'phone/preset-printer.cdr': { cdrLayout: 'preset:printer' },
  'phone/preset-teleseer.cdr': { cdrLayout: 'preset:teleseer', cdrDateOrder: 'month/day' },
}

/** Every fixture of a channel (test/fixtures/<channel>/), its README and dotfiles aside. */
function channelFixtures(channel: Channel): string[] {
  return readdirSync(fixturePath(channel), { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== 'README.md' && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort()
}

/** Runs the adapter over each fixture of its channel, with the default options but for a few. */
export async function snapshotChannel(channel: Channel, parse: Adapter): Promise<AdapterSnapshot> {
  const snapshot: AdapterSnapshot = {}
  for (const name of channelFixtures(channel)) {
    snapshot[name] = await snapshotFixture(parse, `${channel}/${name}`, name)
  }
  return snapshot
}

async function snapshotFixture(
  parse: Adapter,
  fixture: string,
  fileName: string,
): Promise<FixtureOutput> {
  const path = fixturePath(fixture)
  const notes: string[] = []
  const outputs: unknown[] = []
  const ctx: AdapterContext = {
    fileName,
    customerKey: testCustomerKey,
    segmentMap: DEFAULT_SEGMENT_MAP,
    options: { ...DEFAULT_ADAPTER_OPTIONS, ...FIXTURE_OPTIONS[fixture] },
    dateWindow: defaultDateWindow(NOW),
    note: (message) => notes.push(message),
  }
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex')
  try {
    for await (const output of parse(createReadStream(path), ctx)) {
      outputs.push(stableJson(withoutRawJson(output)))
    }
  } catch (error) {
    return {
      sha256,
      outputs,
      notes,
      failure: error instanceof Error ? error.message : String(error),
    }
  }
  return { sha256, outputs, notes }
}

/**
 * A ticket's rawJson is its raw record as the file's text, which the raw record store keeps in
 * its place: no output of its own, as long as it is that record.
 */
function withoutRawJson(output: AdapterOutput): AdapterOutput {
  if (output.kind !== 'ticket' || output.rawJson === undefined) return output
  const { rawJson, ...rest } = output
  const parsed = JSON.stringify(stableJson(JSON.parse(rawJson)))
  if (parsed !== JSON.stringify(stableJson(output.event.raw))) {
    throw new Error(`record ${output.recordNumber}: rawJson is not the raw record`)
  }
  return rest
}

/** Dates as ISO text, keys sorted and undefined fields left out: equal output, equal JSON. */
function stableJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(stableJson)
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return Object.fromEntries(entries.map(([key, field]) => [key, stableJson(field)]))
  }
  return value
}

/** How a stored snapshot and the adapter's output today differ. */
export interface SnapshotComparison {
  /** Fixtures whose bytes are unchanged but whose output changed: the adapter's version must. */
  changedOutput: string[]
  /** Fixtures added, removed or edited since the snapshot was written. */
  changedFixtures: string[]
  /** The stored snapshot with the fixture changes taken in, and only those. */
  withFixtureChanges: AdapterSnapshot
}

export function compareSnapshots(
  stored: AdapterSnapshot,
  actual: AdapterSnapshot,
): SnapshotComparison {
  const changedOutput: string[] = []
  const changedFixtures: string[] = []
  const withFixtureChanges: AdapterSnapshot = {}
  for (const [name, output] of Object.entries(actual)) {
    const before = stored[name]
    if (before?.sha256 !== output.sha256) {
      changedFixtures.push(name)
      withFixtureChanges[name] = output
    } else {
      if (JSON.stringify(before) !== JSON.stringify(output)) changedOutput.push(name)
      withFixtureChanges[name] = before
    }
  }
  changedFixtures.push(...Object.keys(stored).filter((name) => !(name in actual)))
  return { changedOutput, changedFixtures, withFixtureChanges }
}
