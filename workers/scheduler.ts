// Keeps the inbox scan and nightly rollup schedules in place: `node dist/workers/scheduler.js`.
import { runScheduler } from '../src/jobs/run-scheduler.js'
import { runProcess } from '../src/process/run-process.js'

await runProcess(async (services) => {
  const scheduler = await runScheduler(services)
  services.logger.info({ schedules: scheduler.schedules }, 'scheduler running')
  return [() => scheduler.close()]
})
