import { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import fc from 'fast-check'
import { defaultDateWindow } from '../../src/config.js'
import { DEFAULT_ADAPTER_OPTIONS } from '../../src/services.js'
import type { AdapterOutput } from '../../src/domain/adapter-output.js'
import { createCustomerKeyer } from '../../src/domain/contact.js'
import { DEFAULT_SEGMENT_MAP } from '../../src/domain/segment.js'
import { UnreadableFileError } from '../../src/errors.js'
import { isBlankRow, type FuzzFormat } from './fuzz-formats.js'

/** A run longer than this is a hang (the largest fuzzed file is a few hundred kilobytes). */
const HANG_MS = 20_000
const customerKey = createCustomerKeyer('fuzz-secret')

interface Mutation {
  name: string
  apply: (bytes: Buffer) => Buffer
}

const insertAt = (bytes: Buffer, at: number, extra: Buffer) =>
  Buffer.concat([
    bytes.subarray(0, at % (bytes.length + 1)),
    extra,
    bytes.subarray(at % (bytes.length + 1)),
  ])

/** The damage real exports suffer: cut short, stray bytes, another encoding, huge or nested values. */
const mutation: fc.Arbitrary<Mutation> = fc
  .oneof(
    fc.nat().map((at) => ({
      name: 'truncated',
      apply: (b: Buffer) => b.subarray(0, at % (b.length + 1)),
    })),
    fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([at, extra]) => ({
      name: 'random bytes',
      apply: (b: Buffer) => insertAt(b, at, Buffer.from(extra)),
    })),
    fc.constant({
      name: 'latin1',
      apply: (b: Buffer) => Buffer.from(b.toString('utf8'), 'latin1'),
    }),
    fc.constant({
      name: 'utf-16',
      apply: (b: Buffer) =>
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]),
    }),
    fc.tuple(fc.nat(), fc.integer({ min: 10_000, max: 200_000 })).map(([at, size]) => ({
      name: 'huge field',
      apply: (b: Buffer) => insertAt(b, at, Buffer.alloc(size, 'x')),
    })),
    fc.constantFrom(';', ',', '\t', '|').map((separator) => ({
      name: `separator ${JSON.stringify(separator)}`,
      apply: (b: Buffer) => Buffer.from(b.toString('utf8').replace(/[;,]/g, separator)),
    })),
    fc.integer({ min: 1_000, max: 20_000 }).map((depth) => ({
      name: `nested ${depth}`,
      apply: (b: Buffer) =>
        Buffer.concat([
          b,
          Buffer.from(
            `\n${'['.repeat(depth)}${']'.repeat(depth)}\n{"id":1,"a":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}\n`,
          ),
        ]),
    })),
  )
  .map((m) => Object.assign(m, { [fc.toStringMethod]: () => m.name }))

function frameFile(format: FuzzFormat, records: string[]): string {
  if (format.frame) return format.frame(format.header, records)
  return `${format.header ? `${format.header}\n` : ''}${records.join('\n')}\n`
}

/** Runs the adapter over bytes fed in chunks; an UnreadableFileError is a valid outcome (null). */
export async function runFuzzed(
  format: FuzzFormat,
  bytes: Buffer,
  chunkSize: number,
): Promise<AdapterOutput[] | null> {
  const chunks: Buffer[] = []
  for (let at = 0; at < bytes.length; at += chunkSize) {
    chunks.push(bytes.subarray(at, at + chunkSize))
  }
  const ctx = {
    fileName: format.fileName,
    customerKey,
    segmentMap: DEFAULT_SEGMENT_MAP,
    options: DEFAULT_ADAPTER_OPTIONS,
    dateWindow: defaultDateWindow(new Date()),
    note: () => undefined,
  }
  const outputs: AdapterOutput[] = []
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${format.name}: no end after ${HANG_MS} ms`)),
      HANG_MS,
    )
  })
  const collect = (async () => {
    for await (const output of format.adapter(Readable.from(chunks), ctx)) outputs.push(output)
  })()
  try {
    await Promise.race([collect, hang])
  } catch (error) {
    if (error instanceof UnreadableFileError) return null
    throw error
  } finally {
    clearTimeout(timer)
  }
  return outputs
}

/** Every output is one record: its number is used once, and (where the format numbers records 1…n) none is missing. */
export function assertAccounted(
  format: FuzzFormat,
  outputs: readonly AdapterOutput[],
  expected?: number,
): void {
  const numbers = outputs.map((o) => o.recordNumber)
  if (new Set(numbers).size !== numbers.length) {
    throw new Error(`${format.name}: a record number is used twice: ${numbers.join(',')}`)
  }
  if (numbers.some((n) => !Number.isSafeInteger(n) || n < 1)) {
    throw new Error(`${format.name}: bad record number in ${numbers.join(',')}`)
  }
  if (format.contiguous && numbers.length > 0 && Math.max(...numbers) !== numbers.length) {
    throw new Error(
      `${format.name}: record numbers are not 1…${numbers.length}: ${[...numbers].sort((a, b) => a - b).join(',')}`,
    )
  }
  if (expected !== undefined && outputs.length !== expected) {
    throw new Error(`${format.name}: ${outputs.length} outputs for ${expected} records`)
  }
}

/** How many records a well-formed file of these records holds (blank CSV rows are none). */
function expectedRecords(format: FuzzFormat, records: string[], text: string): number | undefined {
  if (format.countRecords) return format.countRecords(text)
  if (format.name === 'email mbox') return undefined
  if (format.header) {
    return records.filter((r) => !isBlankRow(r, format.header.includes(';') ? ';' : ',')).length
  }
  return records.length
}

/** Well-formed files: every record accounted for, exactly. */
export function wellFormedProperty(format: FuzzFormat, maxRecords: number, tally = { records: 0 }) {
  return fc.asyncProperty(
    fc.array(format.record, { minLength: 1, maxLength: maxRecords }),
    fc.integer({ min: 61, max: 65_536 }),
    async (records, chunkSize) => {
      tally.records += records.length
      const text = frameFile(format, records)
      const outputs = await runFuzzed(format, Buffer.from(text), chunkSize)
      if (outputs === null) throw new Error(`${format.name}: a well-formed file was refused`)
      assertAccounted(format, outputs, expectedRecords(format, records, text))
    },
  )
}

/** Damaged files: no throw but UnreadableFileError, no hang, each output one record. */
export function mutatedProperty(format: FuzzFormat, maxRecords: number, tally = { records: 0 }) {
  return fc.asyncProperty(
    fc.array(format.record, { minLength: 0, maxLength: maxRecords }),
    fc.array(mutation, { minLength: 1, maxLength: 3 }),
    fc.integer({ min: 61, max: 65_536 }),
    async (records, mutations, chunkSize) => {
      tally.records += records.length
      const bytes = mutations.reduce<Buffer>(
        (b, m) => m.apply(b),
        Buffer.from(frameFile(format, records)),
      )
      const outputs = await runFuzzed(format, bytes, chunkSize)
      if (outputs === null) return
      // Decoded as the line readers decode: an incomplete character at the very end is dropped.
      assertAccounted(
        format,
        outputs,
        format.countRecords?.(new StringDecoder('utf8').write(bytes)),
      )
    },
  )
}
