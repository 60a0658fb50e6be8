import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { NextFunction, Request, Response } from 'express';

/**
 * Paths the console never answers: the API, devices, webhooks and the public pages keep their own 404s.
 * `/boards` alone is the console's list of boards; `/boards/<token>` is a kiosk page.
 */
export const NOT_CONSOLE = /^\/((api|health|feeds|public|webhooks)(\/|$)|boards\/.)/;

export function consoleRoot(dir: string): string | null {
  const root = resolve(dir);
  return existsSync(join(root, 'index.html')) ? root : null;
}

/**
 * The built console at `/`: hashed assets cached for a year, index.html never cached, and every other
 * path outside NOT_CONSOLE answered with index.html so the console's own router shows the page.
 */
export function consoleStaticModules(root: string | null): DynamicModule[] {
  if (!root) return [];
  return [
    ServeStaticModule.forRoot({
      rootPath: root,
      exclude: NOT_CONSOLE,
      serveStaticOptions: {
        index: false,
        setHeaders: (res: Response, path: string) => {
          res.setHeader('Cache-Control', path.includes(`${join('/', 'assets', '/')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      },
    }),
  ];
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Sends the .br or .gz the build wrote beside a hashed asset when the browser accepts it. */
export function precompressedAssets(root: string) {
  const assets = join(root, 'assets');
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const name = req.path.replace(/^\//, '');
    const ext = name.slice(name.lastIndexOf('.'));
    if (!TYPES[ext] || name.includes('..') || name.includes('/')) return next();
    const accepts = String(req.headers['accept-encoding'] ?? '');
    for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
      const file = join(assets, name + suffix);
      if (!accepts.includes(encoding) || !existsSync(file)) continue;
      res.setHeader('Content-Type', TYPES[ext]);
      res.setHeader('Content-Encoding', encoding);
      res.setHeader('Vary', 'Accept-Encoding');
      res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      return res.sendFile(file);
    }
    next();
  };
}
