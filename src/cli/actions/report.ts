import { readFile, writeFile } from 'node:fs/promises'
import { coerceError } from '../../errors.js'
import { compareReport, type Comparison } from '../../report/compare-report.js'
import type { ReportFormat } from '../../report/report-formats.js'
import { renderReport } from '../../report/render-report.js'
import { CHROMIUM_HINT, findChromium } from '../find-chromium.js'
import { loadReport } from '../../report/load-report.js'
import type { Report } from '../../report/report.js'
import { yearHasTickets } from '../../db/year-has-tickets.js'
import { parsePublishedReport, type PublishedReport } from '../../report/published-report.js'
import type { Services } from '../../services.js'
import { EXIT } from '../../process/exit-codes.js'
import { printJson, runWithServices } from '../run-command.js'

export interface ReportOptions {
  year?: number
  month?: string
  format: ReportFormat
  out?: string
  compare?: string
}

export function reportAction(options: ReportOptions & { year: number }): Promise<void> {
  return runWithServices((services) => reportCommand(services, options))
}

async function reportCommand(
  services: Services,
  options: ReportOptions & { year: number },
): Promise<number> {
  // Read the published figures first: a bad file fails before any query.
  const compare = options.compare
    ? { file: options.compare, published: await readPublished(options.compare) }
    : undefined
  const chromium = options.format === 'pdf' ? findChromium(process.env) : undefined
  if (chromium && 'error' in chromium) {
    process.stderr.write(
      `dering: --format pdf needs Chromium (${chromium.error}): ${CHROMIUM_HINT}\n`,
    )
    return EXIT.usage
  }
  const report = await loadReport(services.db, { year: options.year, month: options.month })
  if (isEmptyYear(report, options.year)) {
    process.stderr.write(
      (await yearHasTickets(services.db, options.year))
        ? `dering: tickets for ${options.year} are loaded but not rolled up: run dering rollup --all\n`
        : `dering: no tickets for ${options.year}: ingest exports first\n`,
    )
    return EXIT.failed
  }
  const comparison = compare ? compareReport(report, compare.published) : undefined
  const render = () =>
    renderReport(report, options.format, {
      mismatches: comparison?.mismatches,
      chromiumPath: chromium && 'path' in chromium ? chromium.path : undefined,
    })
  if (options.out) {
    await writeOut(options.out, await render())
    if (!compare) console.log(`wrote ${options.out}`)
  } else if (!compare) {
    process.stdout.write(await render())
  }
  if (!compare || !comparison) return EXIT.ok
  if (options.format === 'json') printJson({ compared_with: compare.file, ...comparison })
  else printComparison(comparison, compare.file)
  return comparison.mismatches.length > 0 ? EXIT.failed : EXIT.ok
}

async function writeOut(file: string, content: string | Uint8Array): Promise<void> {
  try {
    await writeFile(file, content)
  } catch (error) {
    throw new Error(`--out ${file}: ${coerceError(error).message}`, { cause: error })
  }
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

/** The report year itself (not the year before it) has no consultation and no document. */
function isEmptyYear(report: Report, year: number): boolean {
  const figures = report.years.find((y) => y.year === year)
  return !figures || (figures.total === 0 && figures.documentsTotal === 0)
}
