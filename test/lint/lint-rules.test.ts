import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = new URL('../../', import.meta.url).pathname
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>
  prettier: Record<string, unknown>
}

/** The steps of `npm run lint`, each a command line: prettier, eslint, the layer matrix. */
const LINT_STEPS = PACKAGE.scripts.lint!.split('&&').map((step) => step.trim().split(/\s+/))
const stepOf = (tool: string) => {
  const step = LINT_STEPS.find(([command]) => command === tool)
  if (!step) throw new Error(`npm run lint has no ${tool} step`)
  return step
}

/**
 * Runs one step of `npm run lint`, as written in package.json, in a small project of the same
 * layout (the repository's configs apply) holding the given files.
 */
async function lintProbe(tool: 'depcruise' | 'prettier', files: Record<string, string>) {
  const dir = await mkdtemp(path.join(tmpdir(), 'dering-lint-'))
  probes.push(dir)
  await writeFile(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ type: 'module', prettier: PACKAGE.prettier }, null, 2)}\n`,
  )
  await writeFile(
    path.join(dir, 'tsconfig.json'),
    [
      '{',
      '  "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext" },',
      '  "include": ["src", "workers", "db"]',
      '}\n',
    ].join('\n'),
  )
  for (const folder of ['src', 'workers', 'db']) await mkdir(path.join(dir, folder))
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true })
    await writeFile(path.join(dir, name), text)
  }
  const [command, ...args] = stepOf(tool)
  const withConfig = args.map((arg) => (arg.startsWith('.') && arg !== '.' ? ROOT + arg : arg))
  return run(path.join(ROOT, 'node_modules/.bin', command!), withConfig, { cwd: dir }).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: error.stdout + error.stderr,
    }),
  )
}

const probes: string[] = []
afterEach(async () => {
  await Promise.all(probes.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

const importing = (specifier: string) => `import * as other from '${specifier}'\nexport { other }\n`
const EMPTY_MODULE = 'export const value = 1\n'

describe('npm run lint: the layer matrix', () => {
  it('passes imports the matrix allows (report → db, jobs → adapters, cli → jobs, workers → process)', async () => {
    const result = await lintProbe('depcruise', {
      'src/db/connect.ts': EMPTY_MODULE,
      'src/report/load-report.ts': importing('../db/connect.js'),
      'src/adapters/registry.ts': EMPTY_MODULE,
      'src/jobs/ingest-file.ts': importing('../adapters/registry.js'),
      'src/cli/main.ts': importing('../jobs/ingest-file.js'),
      'src/process/run-process.ts': EMPTY_MODULE,
      'workers/ingest.ts': importing('../src/process/run-process.js'),
    })
    expect(result).toMatchObject({ code: 0 })
  })

  it.each([
    ['adapters → db', 'layer-adapters', 'src/adapters/whatsapp/parse.ts', '../../db/connect.js'],
    ['domain → anything', 'layer-domain', 'src/domain/channel.ts', '../errors.js'],
    ['db → report', 'layer-db', 'src/db/report-queries.ts', '../report/report.js'],
    ['db → queue', 'layer-db', 'src/db/rollups.ts', '../queue/catalog.js'],
    ['queue → the settings', 'layer-queue', 'src/queue/connection.ts', '../config.js'],
    ['workers → cli', 'layer-workers', 'workers/ingest.ts', '../src/cli/run-command.js'],
    ['dashboard → jobs', 'layer-dashboard', 'src/dashboard/metrics.ts', '../jobs/workers.js'],
  ])('fails %s (%s)', async (_edge, rule, from, specifier) => {
    const target = path.normalize(path.join(path.dirname(from), specifier)).replace(/\.js$/, '.ts')
    const result = await lintProbe('depcruise', {
      [target]: EMPTY_MODULE,
      [from]: importing(specifier),
    })
    expect(result.code).not.toBe(0)
    expect(result.output).toContain(`error ${rule}: ${from} → ${target}`)
  })

  it('fails adapters and domain that import a database, queue or file module', async () => {
    const result = await lintProbe('depcruise', {
      'src/adapters/phone/parse.ts':
        "import { readFile } from 'node:fs/promises'\nexport { readFile }\n",
      'src/domain/queue.ts': "import { Queue } from 'bullmq'\nexport { Queue }\n",
    })
    expect(result.code).not.toBe(0)
    expect(result.output).toContain(
      'error pure-adapters-and-domain: src/adapters/phone/parse.ts → fs/promises',
    )
    expect(result.output).toContain('error pure-adapters-and-domain: src/domain/queue.ts → bullmq')
  })

  it('fails SQL outside src/db (jobs issue no raw SQL)', async () => {
    const result = await lintProbe('depcruise', {
      'src/jobs/ingest-file.ts': "import { sql } from 'kysely'\nexport { sql }\n",
    })
    expect(result.code).not.toBe(0)
    expect(result.output).toContain('error sql-only-in-db: src/jobs/ingest-file.ts → kysely')
  })

  it('fails an import cycle, even inside one layer', async () => {
    const result = await lintProbe('depcruise', {
      'src/jobs/a.ts': importing('./b.js'),
      'src/jobs/b.ts': importing('./a.js'),
    })
    expect(result.code).not.toBe(0)
    expect(result.output).toMatch(
      /error no-circular: src\/jobs\/a\.ts →\s+src\/jobs\/b\.ts →\s+src\/jobs\/a\.ts/,
    )
  })

  it('fails a module of src/ that belongs to no layer', async () => {
    const result = await lintProbe('depcruise', {
      'src/domain/channel.ts': EMPTY_MODULE,
      'src/misc/anything.ts': importing('../domain/channel.js'),
    })
    expect(result.code).not.toBe(0)
    expect(result.output).toContain('error layer-unknown: src/misc/anything.ts')
  })
})

describe('npm run lint: formatting', () => {
  it('fails an unformatted file and passes it once formatted', async () => {
    const unformatted = await lintProbe('prettier', {
      'src/domain/x.ts': 'export const x = { "a": 1 };\n',
    })
    expect(unformatted.code).not.toBe(0)
    expect(unformatted.output).toContain('src/domain/x.ts')
    const formatted = await lintProbe('prettier', {
      'src/domain/x.ts': 'export const x = { a: 1 }\n',
    })
    expect(formatted).toMatchObject({ code: 0 })
  })
})
