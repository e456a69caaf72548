import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Readable } from 'node:stream'
import { type Adapter, type AdapterOptions } from '../../src/adapters/adapter.js'
import { defaultDateWindow } from '../../src/config.js'
import { DEFAULT_ADAPTER_OPTIONS } from '../../src/services.js'
import type { AdapterOutput } from '../../src/domain/adapter-output.js'
import type { Channel } from '../../src/domain/channel.js'
import type { TicketEvent } from '../../src/domain/ticket-event.js'
import { createCustomerKeyer } from '../../src/domain/contact.js'
import { DEFAULT_SEGMENT_MAP } from '../../src/domain/segment.js'

export const fixturePath = (relative: string): string =>
  fileURLToPath(new URL(`../fixtures/${relative}`, import.meta.url))

export const testCustomerKey = createCustomerKeyer('test-secret')

/** Runs an adapter over a fixture file (path under test/fixtures) and collects its outputs. */
export async function runAdapter(
  adapter: Adapter,
  fixture: string,
  options: Partial<AdapterOptions> = {},
): Promise<AdapterOutput[]> {
  return collect(adapter, createReadStream(fixturePath(fixture)), basename(fixture), options)
}

/** Runs an adapter over text or bytes given inline, named `fileName`. */
export async function runAdapterOn(
  adapter: Adapter,
  content: string | Buffer,
  fileName: string,
  options: Partial<AdapterOptions> = {},
): Promise<AdapterOutput[]> {
  return collect(adapter, Readable.from([Buffer.from(content)]), fileName, options)
}

/**
 * Runs an adapter over a fixture and returns what it yielded, followed by the error it failed
 * with, if any: a file read in part yields its first records, then fails.
 */
export async function runAdapterUntilFailure(
  adapter: Adapter,
  fixture: string,
  options: Partial<AdapterOptions> = {},
): Promise<unknown[]> {
  const outputs: unknown[] = []
  const input = createReadStream(fixturePath(fixture))
  try {
    await collect(adapter, input, basename(fixture), options, outputs)
  } catch (error) {
    outputs.push(error)
  }
  return outputs
}

async function collect(
  adapter: Adapter,
  input: Readable,
  fileName: string,
  options: Partial<AdapterOptions>,
  outputs: unknown[] = [],
): Promise<AdapterOutput[]> {
  const ctx = {
    fileName,
    customerKey: testCustomerKey,
    segmentMap: DEFAULT_SEGMENT_MAP,
    options: { ...DEFAULT_ADAPTER_OPTIONS, ...options },
    dateWindow: defaultDateWindow(new Date()),
    note: () => undefined,
  }
  for await (const output of adapter(input, ctx)) outputs.push(output)
  return outputs as AdapterOutput[]
}

/** A ticket event of `channel` with every optional field empty: tests spread what they expect over it. */
export function blankEvent(channel: Channel): Omit<TicketEvent, 'sourceTicketId' | 'raw'> {
  return {
    channel,
    openedAt: null,
    firstResponseAt: null,
    closedAt: null,
    status: 'open',
    agent: null,
    topic: null,
    segment: null,
    subject: null,
    customerKey: null,
    messageCount: null,
  }
}
