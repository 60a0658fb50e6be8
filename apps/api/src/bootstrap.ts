import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from '#config/index.js';
import { runMigrations } from '#persistence/index.js';
import { AppModule } from './app.module.js';
import { consoleRoot, precompressedAssets } from './console/console-static.js';
import { createOpenApiDocument } from './http/openapi-document.js';
import { InputTextPipe } from './http/input-text.pipe.js';
import { createValidationPipe } from './http/validation.pipe.js';
import { httpMetrics } from './metrics/http-metrics.middleware.js';

/** Builds the API exactly as production runs it; tests call this too. */
export async function createApiApp(config: AppConfig): Promise<NestExpressApplication> {
  // rawBody: signed requests of upper-level systems hash the bytes received (docs/upper-systems.md).
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, rawBody: true });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');
  app.use(httpMetrics());
  (app.getHttpServer() as Server).requestTimeout = config.httpRequestTimeoutSeconds * 1000;
  app.useGlobalPipes(new InputTextPipe(), createValidationPipe());
  const consoleDir = consoleRoot(config.consoleDir);
  // Registered before the modules' static files, so a browser that accepts br or gzip gets the smaller file.
  if (consoleDir) app.use('/assets', precompressedAssets(consoleDir));
  else app.get(Logger).warn({ consoleDir: config.consoleDir }, 'no built console found; serving the API only (npm run console:build)');
  // useProcessExit: after a graceful shutdown the process exits 0 instead of being re-killed by the signal.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });

  if (config.migrateOnStart) {
    const applied = await runMigrations(app.get(DataSource));
    if (applied.length) app.get(Logger).log({ migrations: applied }, 'migrations applied');
  }

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
