import { createReadStream } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import { adapterFor } from '../adapters/registry.js'
import { createCustomerKeyer } from '../domain/contact.js'
import { UnreadableFileError, coerceError } from '../errors.js'
import { countBytes } from './count-bytes.js'
import { prepareInBatches } from './prepare-in-batches.js'
import type { ParseRequest, ThreadMessage } from './thread-messages.js'

/**
 * A parsing thread: reads one spooled file through its adapter and posts it as prepared batches
 * (threaded-batches.ts), at most PARTS_AHEAD of them before the loader takes one.
 */
const PARTS_AHEAD = 2

const port = parentPort!
const request = workerData as ParseRequest
const post = (message: ThreadMessage, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer)

let credits = PARTS_AHEAD
let wake: (() => void) | null = null
port.on('message', () => {
  credits += 1
  wake?.()
})

async function run(): Promise<void> {
  const file = createReadStream('', { fd: request.fd, autoClose: false, start: 0 })
  const { stream, bytesRead } = countBytes(file)
  const ctx = {
    fileName: request.fileName,
    customerKey: createCustomerKeyer(request.customerKeySecret),
    segmentMap: request.segmentMap,
    options: request.options,
    dateWindow: request.dateWindow,
    note: (message: string) => post({ kind: 'note', message }),
  }
  const parts = prepareInBatches(adapterFor(request.channel).parse(stream, ctx), {
    resumeAfter: request.resumeAfter,
    batchSize: request.batchSize,
    bytesRead,
  })
  try {
    for await (const part of parts) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve))
      credits -= 1
      // The batch's bytes (each over a buffer of its own) move to the loader, not copied.
      const { stagedTickets, sources } = part.batch
      post({ kind: 'part', part }, [
        stagedTickets.buffer,
        ...sources.map((group) => group.json.buffer),
      ])
    }
    post({ kind: 'end' })
  } catch (thrown) {
    const error = coerceError(thrown)
    post(
      error instanceof UnreadableFileError
        ? { kind: 'unreadable', file: error.file, reason: error.reason }
        : {
            kind: 'error',
            name: error.name,
            message: error.message,
            stack: error.stack,
            code: codeOf(error),
          },
    )
  }
  // The descriptor is the loader's (its FileHandle closes it once this thread has ended):
  // destroying the stream would close it here.
}

void run()

/** An error's code (ENOENT, a SQLSTATE), when it is one that can cross to the job's thread. */
function codeOf(error: Error): string | number | undefined {
  const { code } = error as { code?: unknown }
  return typeof code === 'string' || typeof code === 'number' ? code : undefined
}
