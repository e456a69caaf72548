import type { Command } from 'commander'
import type { FailedOptions } from '../actions/failed.js'
import { QUEUE_NAMES } from '../../queue/catalog.js'
import { parseQueue, parseSince } from '../parse-since.js'

export function configureFailedCommand(program: Command): void {
  program
    .command('failed')
    .description(
      'List jobs that failed for good (retries exhausted or unreadable file), newest first, with the file, ' +
        'channel, attempts, error and when. Each stays until replayed (dering replay), superseded by a corrected ' +
        'file of the same name, or discarded (dering discard). Reads REDIS_URL, QUEUE_PREFIX.',
    )
    .option('--queue <name>', `only this queue (${QUEUE_NAMES.join(', ')})`, parseQueue)
    .option(
      '--since <duration>',
      'only jobs that failed within this long, e.g. 30m, 2h, 7d',
      parseSince,
    )
    .option('--json', 'print the jobs as JSON')
    .addHelpText(
      'after',
      '\nThen fix the cause and run: dering replay <job-id...> or dering replay --all;\n' +
        'or dismiss them: dering discard <job-id...> or dering discard --all [--older-than 7d].',
    )
    .action(async (options: FailedOptions) => {
      const { failedAction } = await import('../actions/failed.js')
      await failedAction(options)
    })
}
