import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { collectProcessDefaults, EXPOSITION_CONTENT_TYPE, exposition, scrapeAllowed } from '#metrics/index.js';

/**
 * The worker's only HTTP: `GET /metrics` on WORKER_METRICS_HOST:WORKER_METRICS_PORT for Prometheus,
 * behind the scrape token. Off when the port is 0 or no token is configured (production without
 * METRICS_TOKEN). A port already taken is logged, not fatal.
 */
@Injectable()
export class MetricsListenerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('metrics-listener');
  private server: Server | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The port it listens on; null when off. */
  get port(): number | null {
    return (this.server?.address() as AddressInfo | null)?.port ?? null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { token, workerHost, workerPort } = this.config.metrics;
    if (workerPort === 0 || token === null) return;
    collectProcessDefaults();
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
        res.writeHead(404).end();
      } else if (!scrapeAllowed(req.headers.authorization, token)) {
        res.writeHead(401, { 'WWW-Authenticate': 'Bearer' }).end();
      } else {
        exposition().then(
          (text) => res.writeHead(200, { 'Content-Type': EXPOSITION_CONTENT_TYPE }).end(text),
          (err: unknown) => {
            this.logger.error({ err }, 'metrics not collected');
            res.writeHead(500).end();
          },
        );
      }
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(workerPort, workerHost, () => resolve());
      });
    } catch (err) {
      // Jobs matter more than metrics: a second worker on the same port still works, unscraped.
      this.logger.error({ err, host: workerHost, port: workerPort }, 'metrics listener not started: give each worker process its own WORKER_METRICS_PORT');
      return;
    }
    this.server = server;
    this.logger.log({ host: workerHost, port: this.port }, 'metrics at /metrics');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
