import type { Command } from 'commander'
import type { SampleOptions } from '../actions/sample.js'
import { DEFAULT_SAMPLE_SEED } from '../../sample/sample-seed.js'
import { parsePositiveInt } from '../parse-options.js'

export function configureSampleCommand(program: Command): void {
  program
    .command('sample')
    .description(
      'Write realistic sample exports of every channel for January 2020 to December 2021 into ' +
        'DIR/<channel>/ (bad rows, duplicates and overlapping exports included); ingested, they ' +
        'reproduce the published 2021 report. Needs no services.',
    )
    .requiredOption('--out <dir>', 'the folder to write into')
    .option('--seed <n>', 'same seed, same bytes', parsePositiveInt, DEFAULT_SAMPLE_SEED)
    .option('--replace', 'delete the channel folders under DIR first')
    .option('--json', 'print the manifest (files, expected consultations and documents) as JSON')
    .action(async (options: SampleOptions) => {
      const { sampleAction } = await import('../actions/sample.js')
      await sampleAction(options)
    })
}
