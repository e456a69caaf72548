import type { Command } from 'commander'
import type { DiscardOptions } from '../actions/discard.js'
import { QUEUE_NAMES } from '../../queue/catalog.js'
import { EXIT } from '../../process/exit-codes.js'
import { parseQueue, parseSince } from '../parse-since.js'

export function configureDiscardCommand(program: Command): void {
  program
    .command('discard')
    .description(
      'Remove failed jobs for good and say what was removed, so `dering failed` (and the failed-jobs alert) ' +
        'clear. Their files are left where they are. Failed jobs also expire by themselves after ' +
        'FAILED_RETENTION. Reads REDIS_URL, QUEUE_PREFIX.',
    )
    .argument('[jobs...]', 'job ids as `dering failed` shows them, or any unique beginning of one')
    .option('--all', 'every failed job (of --queue, older than --older-than)')
    .option('--queue <name>', `only this queue (${QUEUE_NAMES.join(', ')})`, parseQueue)
    .option(
      '--older-than <duration>',
      'with --all: only jobs that failed longer ago than this, e.g. 7d',
      parseSince,
    )
    .option('--json', 'print what was discarded and refused as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 all discarded, 1 a job was refused (not failed, unknown, ambiguous), 2 bad arguments.',
    )
    .action(async (ids: string[], options: DiscardOptions, command: Command) => {
      if (Boolean(options.all) === ids.length > 0) {
        command.error('dering: give job ids or --all (not both)', { exitCode: EXIT.usage })
      }
      if (options.olderThan && !options.all) {
        command.error('dering: --older-than goes with --all', { exitCode: EXIT.usage })
      }
      const { discardAction } = await import('../actions/discard.js')
      await discardAction(ids, options)
    })
}
