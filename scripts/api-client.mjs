#!/usr/bin/env node
// Regenerates the console's typed API client from the API's OpenAPI document, with no server running:
// the Nest app is built in preview mode from dist/ (npm run build first), which wires the routes and
// their metadata but creates no provider, so no database or Redis is needed.
//   npm run api:client                       writes apps/console/src/api/{openapi.json,schema.d.ts}
//   node scripts/api-client.mjs --check      exits 1 when the committed files are stale
//   node scripts/api-client.mjs --out DIR    writes the two files to DIR instead
import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const committedDir = join(root, 'apps/console/src/api');
const { values: flags } = parseArgs({ options: { check: { type: 'boolean', default: false }, out: { type: 'string' } } });

const dist = (path) => join(root, 'dist', path);
if (!existsSync(dist('apps/api/src/http/openapi-document.js'))) {
  process.stderr.write('api-client: dist/ is missing or old; run npm run build first\n');
  process.exit(2);
}
const { loadConfig } = await import(dist('libs/config/src/index.js'));
const { AppModule } = await import(dist('apps/api/src/app.module.js'));
const { createOpenApiDocument } = await import(dist('apps/api/src/http/openapi-document.js'));

// Defaults only (never the caller's environment), so every machine builds the same document.
const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), consoleDir: join(root, 'var', 'no-console') };
const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false, abortOnError: false });
const document = createOpenApiDocument(app);
await app.close();

const files = {
  'openapi.json': `${JSON.stringify(document, null, 2)}\n`,
  'schema.d.ts': `${COMMENT_HEADER}${astToString(await openapiTS(document, { silent: true }))}`,
};

if (flags.check) {
  const stale = Object.keys(files).filter((name) => {
    const path = join(committedDir, name);
    return !existsSync(path) || readFileSync(path, 'utf8') !== files[name];
  });
  if (stale.length) {
    process.stderr.write(`api-client: ${stale.join(', ')} out of date with the API; run npm run api:client\n`);
    process.exit(1);
  }
  process.stdout.write('api-client: the committed client matches the API\n');
} else {
  const outDir = flags.out ? resolve(flags.out) : committedDir;
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(outDir, name), text);
  process.stdout.write(`api-client: wrote ${Object.keys(files).join(', ')} to ${outDir}\n`);
}
