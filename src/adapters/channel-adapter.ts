import type { Adapter, AdapterOptions, OptionSettings } from './adapter.js'
import type { TableScorer } from './table-score.js'

/**
 * How a channel's exports are told apart from other files (detect-channel.ts asks every
 * channel): by an extension only its exports have, by how well a table's header and first rows
 * fit its columns, or by the start of its text.
 */
export interface ChannelDetection {
  /** Lower-case extensions, with the dot, that name this channel's exports outright. */
  extensions?: readonly string[]
  /** For a CSV or XLSX table: its score of a sample, null when a required column is missing. */
  scoreTable?: TableScorer
  /** For any other text: how its first bytes show it is this channel's export, or null. */
  recognizeText?: (text: string, options: Partial<AdapterOptions>) => string | null
}

/** Everything dering knows of one channel's exports; the registry holds one per channel. */
export interface ChannelAdapter {
  parse: Adapter
  /**
   * Stored on every ticket, so facts can be re-derived after an adapter fix: a change of output
   * needs a new version (test/adapters/adapter-snapshots.test.ts fails otherwise).
   */
  version: string
  detect: ChannelDetection
  /** The settings of the options only this channel reads (the shared readers' are formats'). */
  settings: OptionSettings
}
