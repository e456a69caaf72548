import type { Command } from 'commander'
import type { IngestOptions } from '../actions/ingest.js'
import { parseChannel } from '../parse-options.js'
import { parseDuration } from '../parse-since.js'

export function configureIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description(
      'Queue export files (folders are searched recursively) for ingestion, one job per file content. ' +
        "Without --channel each file's channel is detected from its extension and content. " +
        'Reads DATABASE_URL, REDIS_URL, QUEUE_PREFIX.',
    )
    .argument('<paths...>', 'export files or folders')
    .option(
      '--channel <channel>',
      'the channel of every file (whatsapp, phone, email, hai_kemenkeu, livechat)',
      parseChannel,
    )
    .option(
      '--wait',
      'wait for the jobs (a worker must be running: `dering worker`), show progress and print the counts ' +
        'per file; Ctrl-C stops waiting, not the jobs',
    )
    .option(
      '--force',
      'load files this database already holds again (idempotent: their counts come back unchanged)',
    )
    .option(
      '--timeout <duration>',
      'with --wait: stop waiting after this long, e.g. 30m (the jobs go on); exits 1',
      parseDuration,
    )
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
A file whose content this database already holds (same sha256, same adapter version) is not
loaded again: it is reported as "already ingested as import N" unless --force is given.
A folder is searched recursively; a file that is not an export is skipped and listed.

Exit codes: 0 all queued or ingested, 1 a file failed or was skipped (or --timeout), 2 bad
arguments or settings, 3 Redis/Postgres unreachable, 130 Ctrl-C while waiting.`,
    )
    .action(async (paths: string[], options: IngestOptions) => {
      const { ingestAction } = await import('../actions/ingest.js')
      await ingestAction(paths, options)
    })
}
