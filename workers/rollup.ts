// Recomputes the monthly rollups: `node dist/workers/rollup.js`.
import { startWorkers } from '../src/jobs/start-workers.js'
import { runProcess } from '../src/process/run-process.js'

await runProcess((services) => startWorkers(services, ['rollup']))
