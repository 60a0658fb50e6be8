import { fileURLToPath } from 'node:url';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Writes .br and .gz beside every script and style sheet, so the api sends compressed files without
 * compressing per request (an officer on 4G gets a third of the bytes).
 */
function precompress(): Plugin {
  return {
    name: 'tincoso-precompress',
    apply: 'build',
    // After the files are written: by then Vite has filled in its preload placeholders.
    writeBundle(options, bundle) {
      const dir = options.dir as string;
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|svg|json)$/.test(fileName)) continue;
        const path = join(dir, fileName);
        const source = readFileSync(path);
        if (source.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }));
        writeFileSync(`${path}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

/** The console is built into dist/console, which the api serves at `/`. `npm run console:dev` proxies the API. */
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [precompress()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // antd marks its modules "use client" for React Server Components; a browser bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: Object.fromEntries(
      // `/boards/<token>` is a kiosk page of the api; `/boards` alone is the console's.
      ['/api', '/health', '/feeds', '/public', '^/boards/.'].map((p) => [p, 'http://localhost:3000']),
    ),
  },
});
