import type { Command } from 'commander'
import type { SampleOptions } from '../actions/sample.js'
import { parsePositiveInt } from '../parse-options.js'

/**
 * The generator's DEFAULT_SAMPLE_SEED, spelled out so that registering the command loads no
 * generator code; a unit test (test/sample/sample-command.test.ts) keeps the two equal.
 */
export const SAMPLE_SEED_DEFAULT = 20_211_231

export function configureSampleCommand(program: Command): void {
  program
    .command('sample')
    .description(
      'Write realistic sample exports of every channel for January 2020 to December 2021 into ' +
        'DIR/<channel>/ (bad rows, duplicates and overlapping exports included); ingested, they ' +
        'reproduce the published 2021 report. Needs no services.',
    )
    .requiredOption('--out <dir>', 'the folder to write into')
    .option('--seed <n>', 'same seed, same bytes', parsePositiveInt, SAMPLE_SEED_DEFAULT)
    .option('--replace', 'delete the channel folders under DIR first')
    .option('--json', 'print the manifest (files, expected consultations and documents) as JSON')
    .action(async (options: SampleOptions) => {
      const { sampleAction } = await import('../actions/sample.js')
      await sampleAction(options)
    })
}
