import type { Command } from 'commander'
import type { IngestOptions } from '../actions/ingest.js'
import { parseChannel } from '../parse-options.js'

export function configureIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description(
      'Queue export files (folders are searched recursively) for ingestion, one job per file content. ' +
        "Without --channel each file's channel is detected from its extension and content. " +
        'Reads REDIS_URL, QUEUE_PREFIX (and DATABASE_URL with --wait).',
    )
    .argument('<paths...>', 'export files or folders')
    .option(
      '--channel <channel>',
      'the channel of every file (whatsapp, phone, email, hai_kemenkeu, livechat)',
      parseChannel,
    )
    .option(
      '--wait',
      'wait for the jobs (a worker must be running), show progress and print the counts per file',
    )
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 all queued or ingested, 1 a file failed, 2 bad arguments or settings, 3 Redis/Postgres unreachable.',
    )
    .action(async (paths: string[], options: IngestOptions) => {
      const { ingestAction } = await import('../actions/ingest.js')
      await ingestAction(paths, options)
    })
}
