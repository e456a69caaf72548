import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { configureReportCommand } from '../../src/cli/commands/report.js'
import { REPORT_FORMATS } from '../../src/report/report-formats.js'

describe('dering report --format', () => {
  it('offers exactly the formats the report can be written in, table by default', () => {
    const program = new Command()
    configureReportCommand(program)
    const format = program.commands[0]!.options.find((o) => o.long === '--format')!
    expect(format.argChoices).toEqual([...REPORT_FORMATS])
    expect(format.defaultValue).toBe('table')
  })
})
