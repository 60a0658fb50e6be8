import { pathToFileURL } from 'node:url';
import { FakeGraphServer } from './fake-graph.server.js';
import { FakeZaloServer } from './fake-zalo.server.js';

/**
 * Standalone, for the demo: a fake Zalo OA and a fake Facebook Page, with one OA and one page
 * registered, printing the values to paste into POST /api/v1/channel-accounts.
 *   node dist/test/fakes/fake-social.demo.js [--zalo-port 4020] [--graph-port 4021]
 * Point the app at them with ZALO_API_BASE_URL=ZALO_OAUTH_BASE_URL=http://127.0.0.1:4020 and
 * GRAPH_API_BASE_URL=http://127.0.0.1:4021; what they received is at /__fake/state.
 */
async function main(args: string[]): Promise<void> {
  const arg = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const zalo = await FakeZaloServer.start(Number(arg('zalo-port', '4020')));
  const graph = await FakeGraphServer.start(process.env.GRAPH_API_VERSION || 'v25.0', Number(arg('graph-port', '4021')));
  const zaloApp = { appId: '1234567890', appSecret: 'demo-zalo-app-secret' };
  const zaloTokens = zalo.addOa({ oaId: '4242424242', name: 'OA UBND xã (giả lập)', ...zaloApp });
  const pageToken = graph.addPage('1010101010', 'Trang UBND xã (giả lập)');
  process.stdout.write(
    `${JSON.stringify(
      {
        zalo: { url: zalo.url, account: { platform: 'zalo', externalId: '4242424242', ...zaloApp, ...zaloTokens, canBroadcast: true } },
        facebook: { url: graph.url, account: { platform: 'facebook', externalId: '1010101010', accessToken: pageToken } },
      },
      null,
      2,
    )}\n`,
  );
  const stop = () => void Promise.all([zalo.close(), graph.close()]).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
