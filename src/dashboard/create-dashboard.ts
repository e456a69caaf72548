import { createBullBoard } from '@bull-board/api'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import { ExpressAdapter } from '@bull-board/express'
import express, { type Express } from 'express'
import { coerceError } from '../errors.js'
import { QUEUE_NAMES } from '../queue/catalog.js'
import type { Services } from '../services.js'
import { checkHealth } from './check-health.js'
import { METRICS_CONTENT_TYPE, renderMetrics } from './render-metrics.js'
import { requireAllowedHost } from './require-allowed-host.js'
import { requireBasicAuth, type Credentials } from './require-basic-auth.js'
import { requireSameOrigin } from './require-same-origin.js'

export const BOARD_PATH = '/queues'

export interface DashboardOptions {
  /** Bull Board without retry, remove, clean or pause buttons; always so without credentials. */
  readOnly: boolean
  /** Required for everything but /healthz when set. */
  credentials: Credentials | null
  /** The address listened on, and further names the Host header may give (DASHBOARD_ALLOWED_HOSTS). */
  host: string
  allowedHosts: readonly string[]
}

/**
 * Bull Board for every queue at /queues, Prometheus metrics at /metrics and a health check at
 * /healthz. Only /healthz is open without credentials: probes need no secret and it reveals
 * nothing but reachability and two timestamps. A browser on this machine is a neighbour to
 * distrust: every request must name this host (DNS rebinding), every change must come from the
 * board itself (CSRF), and without credentials nobody can change anything.
 */
export function createDashboard(services: Services, options: DashboardOptions): Express {
  const app = express()
  app.disable('x-powered-by')
  app.use(requireAllowedHost(options.host, options.allowedHosts))
  app.get('/healthz', (_request, response, next) => {
    checkHealth(services)
      .then((health) => response.status(health.status === 'ok' ? 200 : 503).json(health))
      .catch(next)
  })
  if (options.credentials) app.use(requireBasicAuth(options.credentials))
  app.use(requireSameOrigin())
  app.get('/metrics', (_request, response) => {
    renderMetrics(services)
      .then((text) => response.type(METRICS_CONTENT_TYPE).send(text))
      .catch((error: unknown) => {
        services.logger.warn({ err: coerceError(error).message }, 'metrics scrape failed')
        // The detail is in the log; a response never shows internal error text.
        response.status(503).type('text/plain').send('metrics unavailable\n')
      })
  })
  const board = new ExpressAdapter().setBasePath(BOARD_PATH)
  createBullBoard({
    queues: QUEUE_NAMES.map(
      (name) =>
        new BullMQAdapter(services.queues[name], {
          readOnlyMode: options.readOnly || !options.credentials,
        }),
    ),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'dering' } },
  })
  app.use(BOARD_PATH, board.getRouter() as express.Router)
  app.get('/', (_request, response) => response.redirect(BOARD_PATH))
  return app
}
