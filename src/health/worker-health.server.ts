import { Logger } from '@nestjs/common';
import { Server, createServer } from 'node:http';
import { metricsTokenAccepted } from '../metrics/metrics-token';
import { MetricsService } from '../metrics/metrics.service';
import { HealthService } from './health.service';

export interface WorkerHealthOptions {
  port: number;
  health: HealthService;
  metrics: MetricsService;
  metricsToken: string;
  /** true once SIGTERM arrived: readiness answers 503 while the running job finishes */
  draining: () => boolean;
}

/**
 * The worker serves no API, only this: `/health/live`, `/health/ready` (database and Redis reachable,
 * not draining) and `/metrics` (jobs and notifications are counted in the worker process). Plain
 * node:http, so probing it never depends on the Nest HTTP stack the worker does not load.
 */
export async function startWorkerHealthServer(options: WorkerHealthOptions): Promise<Server> {
  const logger = new Logger('WorkerHealth');
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown, type = 'application/json; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const answer = async (): Promise<void> => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET') return send(405, { statusCode: 405, code: 'METHOD_NOT_ALLOWED', message: 'Only GET' });
      if (path === '/health/live') return send(200, await options.health.live());
      if (path === '/health/ready') {
        const { ok, body } = await options.health.workerReady(options.draining());
        return send(ok ? 200 : 503, body);
      }
      if (path === '/metrics') {
        if (!metricsTokenAccepted(options.metricsToken, req.headers.authorization)) {
          res.setHeader('WWW-Authenticate', 'Bearer realm="kennisbank"');
          return send(401, {
            statusCode: 401,
            code: 'METRICS_TOKEN_REQUIRED',
            message: 'Metrics need the configured bearer token (METRICS_TOKEN)',
          });
        }
        return send(200, await options.metrics.render(), options.metrics.contentType);
      }
      return send(404, { statusCode: 404, code: 'NOT_FOUND', message: 'Not found' });
    };
    answer().catch((error: Error) => {
      logger.error(`health endpoint failed: ${error.message}`);
      if (!res.headersSent) send(500, { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '0.0.0.0', () => resolve());
  });
  return server;
}
