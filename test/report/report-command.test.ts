import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { REPORT_FORMAT_CHOICES, configureReportCommand } from '../../src/cli/commands/report.js'
import { REPORT_FORMATS } from '../../src/report/format-report.js'

describe('dering report --format', () => {
  it('offers exactly the formats the report can be written in', () => {
    expect([...REPORT_FORMAT_CHOICES].sort()).toEqual([...REPORT_FORMATS].sort())
  })

  it('registers them as the choices of --format, table by default', () => {
    const program = new Command()
    configureReportCommand(program)
    const format = program.commands[0]!.options.find((o) => o.long === '--format')!
    expect(format.argChoices).toEqual([...REPORT_FORMAT_CHOICES])
    expect(format.defaultValue).toBe('table')
  })
})
