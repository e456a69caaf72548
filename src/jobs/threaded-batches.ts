import { Worker } from 'node:worker_threads'
import { UnreadableFileError } from '../errors.js'
import type { PreparedPart } from './prepare-in-batches.js'
import type { ParseRequest, ThreadMessage } from './thread-messages.js'

/**
 * The thread's module beside this one. Run from the TypeScript sources (tests, `npm run dev`),
 * the thread first registers tsx, which a thread does not inherit.
 */
const FROM_SOURCES = import.meta.url.endsWith('.ts')
const THREAD_ENTRY = new URL(`./parse-thread.${FROM_SOURCES ? 'ts' : 'js'}`, import.meta.url)

function startThread(request: ParseRequest): Worker {
  if (!FROM_SOURCES) return new Worker(THREAD_ENTRY, { workerData: request })
  const code = `import('tsx/esm/api').then(({ register }) => {
    register()
    return import(${JSON.stringify(THREAD_ENTRY.href)})
  })`
  return new Worker(code, { eval: true, workerData: request })
}

type Event = ThreadMessage | { kind: 'crash'; error: Error } | { kind: 'exit'; code: number }

/**
 * A thread that posts nothing for this long is stuck (a parse gone quadratic on a hostile file):
 * it is stopped and the job fails, as a stalled job on the job's own thread would.
 */
const SILENT_THREAD_MS = 10 * 60_000

/**
 * A file's prepared batches, parsed on a thread of their own (parse-thread.ts) so that one job
 * parses on one core while its batches are loaded from another. The same batches, notes and
 * failure as prepareInBatches in this thread; the thread ends when the caller stops.
 */
export async function* preparedBatchesInThread(
  request: ParseRequest,
  note: (message: string) => void,
): AsyncGenerator<PreparedPart> {
  const thread = startThread(request)
  const events: Event[] = []
  let wake: (() => void) | null = null
  const push = (event: Event) => {
    events.push(event)
    wake?.()
    wake = null
  }
  thread.on('message', (message: ThreadMessage) => push(message))
  thread.on('messageerror', (error) => push({ kind: 'crash', error }))
  thread.on('error', (error) => push({ kind: 'crash', error }))
  thread.on('exit', (code) => push({ kind: 'exit', code }))
  const silence = () => {
    const error = new Error(
      `the parsing thread posted nothing for ${SILENT_THREAD_MS / 60_000} minutes`,
    )
    push({ kind: 'crash', error })
  }
  try {
    for (;;) {
      const event = events.shift()
      if (!event) {
        const timer = setTimeout(silence, SILENT_THREAD_MS)
        await new Promise<void>((resolve) => (wake = resolve))
        clearTimeout(timer)
        continue
      }
      switch (event.kind) {
        case 'part':
          yield event.part
          thread.postMessage('more') // stored, or being stored: the thread may prepare another
          break
        case 'note':
          note(event.message)
          break
        case 'end':
          return
        case 'unreadable':
          throw new UnreadableFileError(event.file, event.reason)
        case 'error': {
          const { name, message, stack, code } = event
          throw Object.assign(
            new Error(message),
            { name, stack },
            code === undefined ? {} : { code },
          )
        }
        case 'crash':
          throw event.error
        case 'exit':
          throw new Error(
            `the parsing thread stopped before the end of the file (exit code ${event.code})`,
          )
      }
    }
  } finally {
    await thread.terminate()
  }
}
