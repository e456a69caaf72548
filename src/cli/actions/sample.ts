import path from 'node:path'
import { generateSample } from '../../sample/generate-sample.js'
import { EXIT } from '../../process/exit-codes.js'
import { reportError } from '../../process/report-error.js'
import { printJson } from '../run-command.js'

export interface SampleOptions {
  out: string
  seed: number
  replace?: boolean
  json?: boolean
}

export async function sampleAction(options: SampleOptions): Promise<void> {
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
}
