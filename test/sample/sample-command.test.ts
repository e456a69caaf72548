import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { configureDemoCommand } from '../../src/cli/commands/demo.js'
import { configureSampleCommand } from '../../src/cli/commands/sample.js'
import { DEFAULT_SAMPLE_SEED } from '../../src/sample/sample-seed.js'

describe('the --seed of dering sample and dering demo', () => {
  it("defaults to the generator's seed", () => {
    const program = new Command()
    configureSampleCommand(program)
    configureDemoCommand(program)
    for (const command of program.commands) {
      const seed = command.options.find((o) => o.long === '--seed')!
      expect(seed.defaultValue).toBe(DEFAULT_SAMPLE_SEED)
    }
  })
})
