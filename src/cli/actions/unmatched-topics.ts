import { selectRawTopics } from '../../db/raw-topics.js'
import { listUnmatchedTopics, type UnmatchedTopics } from '../../report/unmatched-topics.js'
import { EXIT } from '../../process/exit-codes.js'
import { formatTable } from '../output.js'
import { printJson, runWithServices } from '../run-command.js'

export interface UnmatchedTopicsOptions {
  /** WIB months, inclusive; none: every month. */
  period?: { from: string; to: string }
  limit: number
  json: boolean
}

/** `dering report --unmatched-topics`: the raw topics the topic map does not know yet. */
export function unmatchedTopicsAction(options: UnmatchedTopicsOptions): Promise<void> {
  return runWithServices(async ({ db, topicTaxonomy }) => {
    const rows = await selectRawTopics(db, options.period)
    const listed = listUnmatchedTopics(rows, topicTaxonomy, options.limit)
    if (options.json) printJson(unmatchedJson(listed, options.period))
    else console.log(formatUnmatched(listed))
    return EXIT.ok
  })
}

function unmatchedJson(listed: UnmatchedTopics, period: UnmatchedTopicsOptions['period']) {
  return {
    from: period?.from ?? null,
    to: period?.to ?? null,
    unmatched_consultations: listed.unmatchedConsultations,
    consultations_with_topic: listed.consultationsWithTopic,
    unmatched_topics: listed.topics,
  }
}

function formatUnmatched(listed: UnmatchedTopics): string {
  const summary = `${listed.unmatchedConsultations} of ${listed.consultationsWithTopic} consultations with a topic count as lainnya because no rule knows their text`
  if (listed.topics.length === 0) return summary
  const rows = listed.topics.map((topic) => ({ ...topic }))
  const table = formatTable(rows, ['consultations', 'channel', 'field', 'text'], {
    shrink: { text: 'middle' },
  })
  return `${summary}; the most common:\n${table}\nMap them with TOPIC_MAP_FILE (docs/reporting.md#topics), then run dering rollup --all.`
}
