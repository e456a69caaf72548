import type { Command } from 'commander'
import type { StatusOptions } from '../actions/status.js'
import { parsePositiveInt } from '../parse-options.js'

export function configureStatusCommand(program: Command): void {
  program
    .command('status')
    .description(
      'Show job counts per queue and the most recent imports with their counts. Reads DATABASE_URL, REDIS_URL, QUEUE_PREFIX.',
    )
    .option('--limit <n>', 'how many recent imports', parsePositiveInt, 10)
    .option('--json', 'print the result as JSON')
    .action(async (options: StatusOptions) => {
      const { statusAction } = await import('../actions/status.js')
      await statusAction(options)
    })
}
