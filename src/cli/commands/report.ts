import { InvalidArgumentError, Option, type Command } from 'commander'
import { REPORT_FORMATS } from '../../report/report-formats.js'
import type { ReportOptions } from '../actions/report.js'
import { EXIT } from '../../process/exit-codes.js'
import { parseMonth, parsePositiveInt } from '../parse-options.js'

export function configureReportCommand(program: Command): void {
  program
    .command('report')
    .description(
      "Print the yearly report's tables from the reporting.* rollups: consultations per month for the " +
        "year and the year before, per channel, the month's channel breakdown with shares and changes, " +
        'WhatsApp vs other, segments, top topics, Email Lapor documents. Reads DATABASE_URL.',
    )
    .option('--year <YYYY>', 'the report year (default: the year of --month)', parseYear)
    .option(
      '--month <YYYY-MM>',
      'the month of the breakdown and topics, or MM of --year (default: the last month of the year with data)',
      parseReportMonth,
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('table'),
    )
    .option('--out <file>', 'write the report to FILE instead of standard output')
    .option(
      '--unmatched-topics',
      'instead of the report, list the most common raw topics no topic rule matches (counted as ' +
        'lainnya), of --month, of --year, or of all months without either; with --json or --format json',
    )
    .option('--limit <n>', 'how many raw topics --unmatched-topics lists', parsePositiveInt, 20)
    .option('--json', 'with --unmatched-topics: the same as --format json')
    .option(
      '--compare <file.json>',
      'compare with published figures (the shape of report-2021.json): prints each mismatch with both values ' +
        '(JSON with --format json) and exits 1 when there is one; the report itself is written only with --out',
    )
    .addHelpText(
      'after',
      `
Examples:
  dering report --year 2021
  dering report --year 2021 --month 2021-11 --format csv --out laporan-2021.csv
  dering report --year 2021 --format html --out laporan-2021.html
  dering report --year 2021 --month 2021-12 --format pdf --out laporan.pdf
  dering report --year 2021 --format xlsx --out laporan-2021.xlsx
  dering report --year 2021 --format json | jq .consultations.yearly_total
  dering report --year 2021 --compare report-2021.json
  dering report --unmatched-topics --year 2021 --json

Figures come from reporting.*: run \`dering rollup\` (or a rollup worker) after ingesting.
The JSON shape is stable and documented in docs/reporting.md. html, pdf: the publication's
consultation chapters; pdf is printed by Chromium (CHROMIUM_PATH, else chromium on PATH).
Exit codes: 0 ok, 1 --compare found mismatches (or a failure), 2 bad arguments (or no Chromium for pdf),
3 Postgres unreachable.`,
    )
    .action(async (options: ReportOptions & UnmatchedFlags, command: Command) => {
      if (options.month && !options.month.includes('-')) {
        if (options.year === undefined) {
          command.error(`dering report: --month ${options.month} needs --year, or give YYYY-MM`, {
            exitCode: EXIT.usage,
          })
        }
        options.month = `${options.year}-${options.month}`
      }
      if (options.unmatchedTopics) return unmatchedTopics(options, command)
      if (options.json) {
        command.error('dering report: --json goes with --unmatched-topics; use --format json', {
          exitCode: EXIT.usage,
        })
      }
      const year = options.year ?? (options.month ? Number(options.month.slice(0, 4)) : undefined)
      if (year === undefined) {
        command.error('dering report: give --year YYYY (or --month YYYY-MM)', {
          exitCode: EXIT.usage,
        })
      }
      if (options.month && !options.month.startsWith(`${year}-`)) {
        command.error(`dering report: --month ${options.month} is not in --year ${year}`, {
          exitCode: EXIT.usage,
        })
      }
      if ((options.format === 'xlsx' || options.format === 'pdf') && !options.out) {
        command.error(`dering report: --format ${options.format} writes a file: give --out FILE`, {
          exitCode: EXIT.usage,
        })
      }
      const { reportAction } = await import('../actions/report.js')
      await reportAction({ ...options, year })
    })
}

interface UnmatchedFlags {
  unmatchedTopics?: boolean
  limit: number
  json?: boolean
}

async function unmatchedTopics(options: ReportOptions & UnmatchedFlags, command: Command) {
  const explicitFormat = command.getOptionValueSource('format') === 'cli'
  const conflict = options.out
    ? '--out'
    : options.compare
      ? '--compare'
      : explicitFormat && !['table', 'json'].includes(options.format)
        ? `--format ${options.format}`
        : undefined
  if (conflict) {
    command.error(`dering report: --unmatched-topics prints a table or JSON, not ${conflict}`, {
      exitCode: EXIT.usage,
    })
  }
  if (
    options.year !== undefined &&
    options.month &&
    !options.month.startsWith(`${options.year}-`)
  ) {
    command.error(`dering report: --month ${options.month} is not in --year ${options.year}`, {
      exitCode: EXIT.usage,
    })
  }
  const period = options.month
    ? { from: options.month, to: options.month }
    : options.year !== undefined
      ? { from: `${options.year}-01`, to: `${options.year}-12` }
      : undefined
  const { unmatchedTopicsAction } = await import('../actions/unmatched-topics.js')
  await unmatchedTopicsAction({
    period,
    limit: options.limit,
    json: options.json === true || options.format === 'json',
  })
}

/** YYYY-MM, or a month number of --year (`--year 2021 --month 12`), kept as MM. */
function parseReportMonth(value: string): string {
  if (/^(0?[1-9]|1[0-2])$/.test(value)) return value.padStart(2, '0')
  return parseMonth(value)
}

function parseYear(value: string): number {
  const year = Number(value)
  if (!/^\d{4}$/.test(value) || year < 1970) {
    throw new InvalidArgumentError('expected a year such as 2021')
  }
  return year
}
