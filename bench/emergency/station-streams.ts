import http from 'node:http';

/** One simulated station holding its change stream open, as a device does. */
interface StreamClient {
  request: http.ClientRequest;
  /** When each named event arrived (epoch ms), the latest per name. */
  seen: Map<string, number>;
}

export interface StationStreams {
  /** Clears what was seen, before a measured run. */
  reset(): void;
  /** Arrival times (epoch ms) of `event` at every station that received it. */
  arrivals(event: string): number[];
  close(): void;
}

/**
 * Opens `GET /api/v1/devices/stations/stream` for every token (a bounded number connecting at a
 * time) and resolves once every stream said `hello`. Events are parsed from the SSE text as it comes.
 */
export async function openStationStreams(baseUrl: string, tokens: string[], connectConcurrency = 100): Promise<StationStreams> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const clients: StreamClient[] = [];
  const open = (token: string) =>
    new Promise<StreamClient>((resolve, reject) => {
      const seen = new Map<string, number>();
      const request = http.get(`${baseUrl}/api/v1/devices/stations/stream`, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          const at = Date.now();
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const name = /^event: (.+)$/m.exec(block)?.[1];
            if (!name) continue;
            seen.set(name, at);
            if (name === 'hello') resolve(client);
          }
        });
      });
      const client: StreamClient = { request, seen };
      request.on('error', reject);
    });
  for (let i = 0; i < tokens.length; i += connectConcurrency) {
    clients.push(...(await Promise.all(tokens.slice(i, i + connectConcurrency).map(open))));
  }
  return {
    reset: () => clients.forEach((c) => c.seen.clear()),
    arrivals: (event) => clients.map((c) => c.seen.get(event)).filter((t): t is number => t !== undefined),
    close: () => {
      clients.forEach((c) => c.request.destroy());
      agent.destroy();
    },
  };
}
