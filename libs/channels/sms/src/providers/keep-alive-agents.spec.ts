import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { keepAliveAgents } from './keep-alive-agents.js';

/** A server that answers 200 and reports, per connection, whether the client closed it (FIN received). */
async function server(keepAliveTimeoutMs: number) {
  const closedByClient: Promise<number>[] = [];
  const srv = http.createServer((_req, res) => res.end('ok'));
  srv.keepAliveTimeout = keepAliveTimeoutMs;
  srv.on('connection', (socket) => {
    const opened = Date.now();
    closedByClient.push(new Promise((resolve) => socket.on('end', () => resolve(Date.now() - opened))));
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return { srv, closedByClient, url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/` };
}

/** When the client closed the connection (ms after it opened), or null if it had not within `withinMs`. */
function closedWithin(closed: Promise<number>, withinMs: number): Promise<number | null> {
  return Promise.race([closed, new Promise<null>((r) => setTimeout(() => r(null), withinMs).unref())]);
}

function get(url: string, agent: http.Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject);
  });
}

/** A server closing idle connections after `keepAliveTimeoutMs`, agents closing theirs after `idleMs`; both closed after `run`. */
async function withServerAndAgents(keepAliveTimeoutMs: number, idleMs: number, run: (s: Awaited<ReturnType<typeof server>>, agent: http.Agent) => Promise<void>) {
  const s = await server(keepAliveTimeoutMs);
  const agents = keepAliveAgents(4, idleMs);
  try {
    await run(s, agents.http);
  } finally {
    agents.http.destroy();
    s.srv.closeAllConnections();
    s.srv.close();
  }
}

describe('keepAliveAgents', () => {
  it('closes an idle socket itself after its idle timeout, before the server would', () =>
    withServerAndAgents(60_000, 300, async ({ closedByClient, url }, agent) => {
      await get(url, agent);
      const after = await closedWithin(closedByClient[0], 3_000);
      expect(after).not.toBeNull();
      expect(after!).toBeLessThan(3_000);
      await get(url, agent); // a new connection, not the closed one
      expect(closedByClient).toHaveLength(2);
    }));

  it('follows a shorter Keep-Alive hint from the server (its timeout minus a second)', () =>
    withServerAndAgents(2_000, 30_000, async ({ closedByClient, url }, agent) => {
      await get(url, agent);
      const after = await closedWithin(closedByClient[0], 3_000);
      expect(after).not.toBeNull();
      expect(after!).toBeGreaterThanOrEqual(900);
      expect(after!).toBeLessThan(1_900);
    }));
});
