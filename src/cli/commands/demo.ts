import type { Command } from 'commander'
import type { DemoOptions } from '../actions/demo.js'
import { parsePositiveInt } from '../parse-options.js'
import { DEFAULT_SAMPLE_SEED } from '../../sample/sample-seed.js'

export function configureDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Run the whole pipeline on generated sample exports: migrate, write realistic exports of every ' +
        'channel for 2020–2021, ingest them through the queues with in-process workers, roll up, and ' +
        'print the 2021 report (and write it as an HTML page). Reads DATABASE_URL, REDIS_URL, QUEUE_PREFIX.',
    )
    .option('--dir <dir>', 'where the sample exports and the report page go', '.dering/demo')
    .option(
      '--seed <n>',
      'sample generator seed (same seed, same files)',
      parsePositiveInt,
      DEFAULT_SAMPLE_SEED,
    )
    .action(async (options: DemoOptions) => {
      const { demoAction } = await import('../actions/demo.js')
      await demoAction(options)
    })
}
