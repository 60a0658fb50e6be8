import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LocalRedisCluster {
  /** The masters, as REDIS_CLUSTER_NODES takes them. */
  nodes: { host: string; port: number }[];
  /** `redis-cli -p <port> <args>` against one node; its output. */
  cli(port: number, ...args: string[]): string;
  /** The master (port) that serves a key's slot. */
  nodeOfKey(key: string): number;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * A real Redis Cluster of `masters` nodes on this machine (the Debian redis-server and redis-cli):
 * each node in its own temporary directory on free ports, created with `redis-cli --cluster create`,
 * resolved once every node reports cluster_state:ok. No persistence: it lives as long as the test.
 */
export async function startRedisCluster(masters = 3, options: { hz?: number } = {}): Promise<LocalRedisCluster> {
  for (const binary of ['redis-server', 'redis-cli']) {
    if (spawnSync(binary, ['--version']).status !== 0) throw new Error(`${binary} not found: install the Debian package redis-server (scripts/ensure-services.sh does)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'tincoso-redis-cluster-'));
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  const cli = (port: number, ...args: string[]): string => {
    const run = spawnSync('redis-cli', ['-h', HOST, '-p', String(port), ...args], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`redis-cli -p ${port} ${args.join(' ')}: ${run.stderr || run.stdout}`);
    return run.stdout;
  };
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) {
      const port = await freePort();
      const busPort = await freePort();
      const nodeDir = join(dir, String(port));
      mkdirSync(nodeDir);
      const child = spawn(
        'redis-server',
        [
          '--port', String(port), '--bind', HOST, '--cluster-enabled', 'yes', '--cluster-port', String(busPort),
          '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000', '--dir', nodeDir,
          '--save', '', '--appendonly', 'no', '--hz', String(options.hz ?? 100), '--maxmemory-policy', 'noeviction',
        ],
        { stdio: 'ignore' },
      );
      children.push(child);
      ports.push(port);
    }
    for (const port of ports) await until(() => tryCli(cli, port, 'ping') === 'PONG\n', `redis-server on ${port}`);
    cli(ports[0], '--cluster', 'create', ...ports.map((p) => `${HOST}:${p}`), '--cluster-replicas', '0', '--cluster-yes');
    for (const port of ports) await until(() => /cluster_state:ok/.test(tryCli(cli, port, 'cluster', 'info')), `cluster_state:ok on ${port}`);
  } catch (error) {
    await stop();
    throw error;
  }
  const slotOwners = () => parseNodes(cli(ports[0], 'cluster', 'nodes'));
  return {
    nodes: ports.map((port) => ({ host: HOST, port })),
    cli,
    nodeOfKey(key) {
      const slot = Number(cli(ports[0], 'cluster', 'keyslot', key).trim());
      const owner = slotOwners().find((range) => slot >= range.from && slot <= range.to);
      if (!owner) throw new Error(`no node serves slot ${slot}`);
      return owner.port;
    },
    stop,
  };
}

/** A port free now (the cluster bus port too: `cluster-port` is set explicitly, not port + 10000). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function tryCli(cli: (port: number, ...args: string[]) => string, port: number, ...args: string[]): string {
  try {
    return cli(port, ...args);
  } catch {
    return '';
  }
}

/** `CLUSTER NODES`: one line a node, `<id> <host:port@bus> <flags> … <link> <slots…>` with slots as `a-b` or `a`. */
function parseNodes(text: string): { from: number; to: number; port: number }[] {
  return text
    .trim()
    .split('\n')
    .flatMap((line) => {
      const fields = line.split(' ');
      const port = Number(/:(\d+)@/.exec(fields[1])?.[1]);
      return fields.slice(8).filter((slot) => /^\d+(-\d+)?$/.test(slot)).map((slot) => {
        const [from, to] = slot.split('-').map(Number);
        return { from, to: to ?? from, port };
      });
    });
}

async function until(check: () => boolean, label: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
