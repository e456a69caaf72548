import { readFile, writeFile } from 'node:fs/promises'
import { InvalidArgumentError, Option, type Command } from 'commander'
import { coerceError } from '../../errors.js'
import { compareReport, type Comparison } from '../../report/compare-report.js'
import { REPORT_FORMATS, formatReport, type ReportFormat } from '../../report/format-report.js'
import { isEmptyReport, loadReport } from '../../report/load-report.js'
import { parsePublishedReport, type PublishedReport } from '../../report/published-report.js'
import type { Services } from '../../services.js'
import { parseMonth } from '../parse-options.js'
import { EXIT, printJson, runWithServices } from '../run-command.js'

interface ReportCommandOptions {
  year?: number
  month?: string
  format: ReportFormat
  out?: string
  compare?: string
}

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
      'the month of the breakdown and topics (default: the last month of the year with data)',
      parseMonth,
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('table'),
    )
    .option('--out <file>', 'write the report to FILE instead of standard output')
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
  dering report --year 2021 --format json | jq .consultations.yearly_total
  dering report --year 2021 --compare report-2021.json

Figures come from reporting.*: run \`dering rollup\` (or a rollup worker) after ingesting.
The JSON shape is stable and documented in docs/reporting.md.
Exit codes: 0 ok, 1 --compare found mismatches (or a failure), 2 bad arguments, 3 Postgres unreachable.`,
    )
    .action((options: ReportCommandOptions, command: Command) => {
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
      return runWithServices((services) => reportCommand(services, { ...options, year }))
    })
}

async function reportCommand(
  services: Services,
  options: ReportCommandOptions & { year: number },
): Promise<number> {
  // Read the published figures first: a bad file fails before any query.
  const compare = options.compare
    ? { file: options.compare, published: await readPublished(options.compare) }
    : undefined
  const report = await loadReport(services.db, { year: options.year, month: options.month })
  if (isEmptyReport(report)) {
    process.stderr.write(
      `dering: no consultations or documents for ${options.year - 1}–${options.year} in reporting.*; run \`dering rollup --all\` after ingesting\n`,
    )
  }
  if (options.out) {
    await writeFile(options.out, formatReport(report, options.format))
    if (!compare) console.log(`wrote ${options.out}`)
  } else if (!compare) {
    process.stdout.write(formatReport(report, options.format))
  }
  if (!compare) return EXIT.ok
  const comparison = compareReport(report, compare.published)
  if (options.format === 'json') printJson({ compared_with: compare.file, ...comparison })
  else printComparison(comparison, compare.file)
  return comparison.mismatches.length > 0 ? EXIT.failed : EXIT.ok
}

async function readPublished(file: string): Promise<PublishedReport> {
  try {
    return parsePublishedReport(JSON.parse(await readFile(file, 'utf8')), file)
  } catch (error) {
    throw new Error(`--compare ${file}: ${coerceError(error).message}`, { cause: error })
  }
}

function printComparison({ checked, mismatches }: Comparison, file: string): void {
  console.log(
    `compared ${checked} published figures with ${file}: ${mismatches.length} mismatch(es)`,
  )
  for (const m of mismatches) {
    console.log(`${m.figure}: computed ${m.computed ?? 'none'}, published ${m.published ?? 'none'}`)
  }
}

function parseYear(value: string): number {
  const year = Number(value)
  if (!/^\d{4}$/.test(value) || year < 1970) {
    throw new InvalidArgumentError('expected a year such as 2021')
  }
  return year
}
