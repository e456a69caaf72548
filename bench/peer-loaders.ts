import { spawn, spawnSync } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import copyStreams from 'pg-copy-streams'
import { SOCIOMILE_COLUMNS } from './format-records.js'

/** The Sociomile export's columns as SQL names (ticket_id, …), all text, the ticket id as key. */
const COLUMNS = SOCIOMILE_COLUMNS.map((name) => name.toLowerCase().replaceAll(' ', '_'))
const TABLE = 'sociomile_export'
const CREATE_TABLE = `create table ${TABLE} (${COLUMNS.map((c) => `${c} text`).join(', ')}, primary key (ticket_id))`

/**
 * What a user could do instead of dering at its fastest: `COPY` (as psql's `\copy` does) of the
 * Sociomile CSV as it is into a table of text columns keyed by ticket id. Seconds.
 */
export async function copyRawCsv(url: string, file: string, rows: number): Promise<number> {
  return withTable(url, rows, async (client) => {
    await pipeline(
      createReadStream(file),
      client.query(
        copyStreams.from(`copy ${TABLE} from stdin with (format csv, delimiter ';', header true)`),
      ),
    )
  })
}

/** Whether the `pgloader` command is installed (Debian: apt-get install pgloader). */
export function hasPgloader(): boolean {
  return !spawnSync('pgloader', ['--version'], { stdio: 'ignore' }).error
}

/** The same file loaded by pgloader into the same table; seconds, the command's start included. */
export async function pgloaderCsv(url: string, file: string, rows: number): Promise<number> {
  const commands = `${file}.pgloader`
  await writeFile(
    commands,
    `LOAD CSV FROM '${file}' WITH ENCODING utf-8 (${COLUMNS.join(', ')})
  INTO ${url}?tablename=${TABLE}
  WITH skip header = 1, fields optionally enclosed by '"', fields escaped by double-quote,
       fields terminated by ';';
`,
  )
  return withTable(url, rows, () => run('pgloader', ['--quiet', commands]))
}

/** Creates the table, times `load`, then checks that exactly `rows` rows arrived. */
async function withTable(
  url: string,
  rows: number,
  load: (client: pg.Client) => Promise<void>,
): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(CREATE_TABLE)
    const started = performance.now()
    await load(client)
    const seconds = (performance.now() - started) / 1000
    const { rows: counted } = await client.query<{ n: number }>(
      `select count(*)::int as n from ${TABLE}`,
    )
    if (counted[0]?.n !== rows) throw new Error(`expected ${rows} rows, got ${counted[0]?.n}`)
    return seconds
  } finally {
    await client.end()
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr}`)),
    )
  })
}
