import type { Command } from 'commander'
import type { RejectsOptions } from '../actions/rejects.js'
import { parsePositiveInt } from '../parse-options.js'

export function configureRejectsCommand(program: Command): void {
  program
    .command('rejects')
    .description(
      'List quarantined records (newest first) with their import, record number, reason and raw text. ' +
        'Reads DATABASE_URL.',
    )
    .option('--import <id>', 'only records of this import (see `dering status`)', parsePositiveInt)
    .option('--limit <n>', 'how many records', parsePositiveInt, 50)
    .option(
      '--json',
      'print the records as JSON (raw text cut to 2000 characters; rawLength and rawTruncated say so)',
    )
    .option(
      '--raw <id>',
      'print the whole raw text of one reject (its id in the listing)',
      parsePositiveInt,
    )
    .action(async (options: RejectsOptions) => {
      const { rejectsAction } = await import('../actions/rejects.js')
      await rejectsAction(options)
    })
}
