import path from 'node:path'
import type { Command } from 'commander'
import { DEFAULT_SAMPLE_SEED, generateSample } from '../../sample/generate-sample.js'
import { parsePositiveInt } from '../parse-options.js'
import { EXIT, printJson, reportError } from '../run-command.js'

interface SampleOptions {
  out: string
  seed: number
  replace?: boolean
  json?: boolean
}

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
      try {
        const manifest = await generateSample({
          outDir: options.out,
          seed: options.seed,
          replace: options.replace,
        })
        if (options.json) printJson(manifest)
        else {
          const consultations = Object.values(manifest.consultations)
            .flatMap((byChannel) => Object.values(byChannel))
            .reduce((sum, n) => sum + n, 0)
          console.log(
            `wrote ${manifest.files.length} files to ${path.resolve(options.out)} (seed ${manifest.seed}): ` +
              `${consultations} consultations and ${Object.values(manifest.documents).reduce((a, b) => a + b, 0)} documents once ingested`,
          )
          console.log(`next: dering ingest ${options.out} --wait`)
        }
        process.exitCode = EXIT.ok
      } catch (error) {
        reportError(error)
      }
    })
}
