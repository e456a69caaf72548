import type { AdapterOptions, DateWindow } from '../adapters/adapter.js'
import type { Channel } from '../domain/channel.js'
import type { SegmentMap } from '../domain/segment.js'
import type { PreparedPart } from './prepare-in-batches.js'

/** What a parsing thread is given: the open spool entry and the adapter context, as data. */
export interface ParseRequest {
  channel: Channel
  /** The spool entry's open descriptor: threads share the process's descriptors. */
  fd: number
  fileName: string
  customerKeySecret: string
  segmentMap: SegmentMap
  options: AdapterOptions
  dateWindow: DateWindow
  resumeAfter: number
  batchSize: number
}

/** What a parsing thread posts: batches, notes, then its end or the file's failure. */
export type ThreadMessage =
  | { kind: 'part'; part: PreparedPart }
  | { kind: 'note'; message: string }
  | { kind: 'end' }
  | { kind: 'unreadable'; file: string; reason: string }
  | {
      kind: 'error'
      name: string
      message: string
      stack: string | undefined
      code?: string | number
    }
