import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { defaultDateWindow } from '../../src/config.js'
import { DEFAULT_ADAPTER_OPTIONS } from '../../src/services.js'
import { adapterFor } from '../../src/adapters/registry.js'
import type { Channel } from '../../src/domain/channel.js'
import { createCustomerKeyer } from '../../src/domain/contact.js'
import { mergeTicketEvents } from '../../src/domain/merge-ticket.js'
import { DEFAULT_SEGMENT_MAP } from '../../src/domain/segment.js'
import type { TicketEvent } from '../../src/domain/ticket-event.js'
import { isConsultation } from '../../src/domain/ticket-status.js'
import { toWibMonth } from '../../src/domain/wib-month.js'
import type { SampleManifest } from '../../src/sample/generate-sample.js'

/** What the channel adapters make of a generated sample, merged as the fact table would be. */
export interface SampleTally {
  consultations: Record<string, Partial<Record<Channel, number>>>
  documents: Record<string, number>
  channels: Partial<
    Record<Channel, { tickets: number; rejects: number; skipped: Record<string, number> }>
  >
}

/** Runs every file of the manifest through its channel's adapter, in the manifest's order. */
export async function tallySample(outDir: string, manifest: SampleManifest): Promise<SampleTally> {
  const tickets = new Map<string, TicketEvent>()
  const documents = new Map<string, string>()
  const tally: SampleTally = { consultations: {}, documents: {}, channels: {} }
  const ctx = {
    customerKey: createCustomerKeyer('sample'),
    segmentMap: DEFAULT_SEGMENT_MAP,
    options: DEFAULT_ADAPTER_OPTIONS,
    dateWindow: defaultDateWindow(new Date()),
    note: () => undefined,
  }
  for (const file of manifest.files) {
    const counts = (tally.channels[file.channel] ??= { tickets: 0, rejects: 0, skipped: {} })
    const input = createReadStream(join(outDir, file.path))
    for await (const output of adapterFor(file.channel).parse(input, {
      ...ctx,
      fileName: file.path.split('/').at(-1)!,
    })) {
      if (output.kind === 'reject') counts.rejects += 1
      if (output.kind === 'document') {
        documents.set(
          `${output.document.messageId} ${output.document.sha256}`,
          toWibMonth(output.document.receivedAt),
        )
      }
      const reason =
        output.kind === 'skip'
          ? output.reason
          : output.kind === 'ticket'
            ? output.skipReason
            : undefined
      if (reason) counts.skipped[reason] = (counts.skipped[reason] ?? 0) + 1
      if (output.kind !== 'ticket') continue
      const key = `${output.event.channel} ${output.event.sourceTicketId}`
      const seen = tickets.get(key)
      tickets.set(key, seen ? mergeTicketEvents(seen, output.event) : output.event)
    }
  }
  for (const ticket of tickets.values()) {
    tally.channels[ticket.channel]!.tickets += 1
    if (!ticket.openedAt || !isConsultation(ticket.status)) continue
    const month = (tally.consultations[toWibMonth(ticket.openedAt)] ??= {})
    month[ticket.channel] = (month[ticket.channel] ?? 0) + 1
  }
  for (const month of documents.values()) tally.documents[month] = (tally.documents[month] ?? 0) + 1
  return tally
}
