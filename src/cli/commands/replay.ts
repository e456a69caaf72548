import type { Command } from 'commander'
import type { ReplayOptions } from '../actions/replay.js'
import { QUEUE_NAMES } from '../../queue/catalog.js'
import { EXIT } from '../../process/exit-codes.js'
import { parseQueue, parseSince } from '../parse-since.js'

export function configureReplayCommand(program: Command): void {
  program
    .command('replay')
    .description(
      'Retry failed jobs with their attempts reset, once the cause is fixed. An ingest job whose file no longer ' +
        'exists is not retried. A worker must be running. Reads REDIS_URL, QUEUE_PREFIX.',
    )
    .argument('[jobs...]', 'job ids as `dering failed` shows them, or any unique beginning of one')
    .option('--all', 'every failed job (of --queue, within --since)')
    .option('--queue <name>', `only this queue (${QUEUE_NAMES.join(', ')})`, parseQueue)
    .option(
      '--since <duration>',
      'with --all: only jobs that failed within this long, e.g. 2h',
      parseSince,
    )
    .option('--json', 'print what was retried and refused as JSON')
    .addHelpText(
      'after',
      '\nA failed job you do not want retried: dering discard <job>.\n' +
        'Exit codes: 0 all retried, 1 a job was refused (missing file, not failed, unknown, ambiguous), 2 bad arguments.',
    )
    .action(async (ids: string[], options: ReplayOptions, command: Command) => {
      if (Boolean(options.all) === ids.length > 0) {
        command.error('dering: give job ids or --all (not both)', { exitCode: EXIT.usage })
      }
      if (options.since && !options.all) {
        command.error('dering: --since goes with --all', { exitCode: EXIT.usage })
      }
      const { replayAction } = await import('../actions/replay.js')
      await replayAction(ids, options)
    })
}
