// The layer matrix, checked by `npm run lint` (README, Development): each layer names the layers
// it may import besides itself; every other import between folders of the project fails, and so
// does any import cycle. The kernel (errors.ts, duration.ts) imports nothing and every layer but
// domain may use it.
const LAYERS = {
  kernel: { path: '^src/(errors|duration)\\.ts$', may: [] },
  domain: { path: '^src/domain/', may: [], noKernel: true },
  adapters: { path: '^src/adapters/', may: ['domain'] },
  db: { path: '^src/db/', may: ['domain'] },
  files: { path: '^src/files/', may: ['domain'] },
  queue: { path: '^src/queue/', may: ['domain'] },
  spool: { path: '^src/spool/', may: ['domain'] },
  sample: { path: '^src/sample/', may: ['domain'] },
  report: { path: '^src/report/', may: ['domain', 'db'] },
  services: {
    path: '^src/(config|logger|services|load-topic-map)\\.ts$',
    may: ['domain', 'adapters', 'db', 'queue'],
  },
  jobs: {
    path: '^src/jobs/',
    may: ['domain', 'adapters', 'db', 'files', 'queue', 'spool', 'services'],
  },
  dashboard: { path: '^src/dashboard/', may: ['domain', 'db', 'queue', 'services'] },
  process: { path: '^src/process/', may: ['domain', 'services'] },
  cli: {
    path: '^src/cli/',
    may: [
      ...['domain', 'adapters', 'db', 'files', 'queue', 'spool', 'sample', 'report'],
      ...['services', 'jobs', 'dashboard', 'process'],
    ],
  },
  workers: { path: '^workers/', may: ['process', 'jobs', 'services'] },
  migrations: { path: '^db/migrations/', may: [], noKernel: true },
}

/** Modules only the services layer and above may touch: adapters and domain stay pure. */
const SERVICE_MODULES =
  '(^|node_modules/)(bullmq|kysely|pg|pg-copy-streams|ioredis)(/|$)|^(fs|fs/promises)$'

const layerRules = Object.entries(LAYERS).map(([name, layer]) => {
  const allowed = [name, ...layer.may, ...(layer.noKernel ? [] : ['kernel'])]
  return {
    name: `layer-${name}`,
    comment: `${name} may import only ${allowed.join(', ')} (the layer matrix in .dependency-cruiser.cjs)`,
    severity: 'error',
    from: { path: layer.path },
    to: { path: '^(src|workers|db)/', pathNot: allowed.map((other) => LAYERS[other].path) },
  }
})

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'layer-unknown',
      comment: 'a module of src/ outside every layer: give it a place in the matrix',
      severity: 'error',
      from: { path: '^src/', pathNot: Object.values(LAYERS).map((layer) => layer.path) },
      to: {},
    },
    {
      name: 'no-circular',
      comment: 'an import cycle: one of its modules has to give up the import that closes it',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pure-adapters-and-domain',
      comment: 'adapters and domain get a stream and a context, never a database, queue or file',
      severity: 'error',
      from: { path: `${LAYERS.adapters.path}|${LAYERS.domain.path}` },
      to: { path: SERVICE_MODULES },
    },
    {
      name: 'sql-only-in-db',
      comment: 'SQL and Postgres clients belong in src/db/: call a store there instead',
      severity: 'error',
      from: { path: '^(src|workers)/', pathNot: LAYERS.db.path },
      to: { path: '(^|node_modules/)(kysely|pg|pg-copy-streams)(/|$)' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that resolves to nothing',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
}
