import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A CAP publisher on a local port: an Atom index and the CAP documents it links, served as set by
 * the test (`publish`). Counts the requests per path, so a test sees what was fetched again.
 */
export class FakeCapFeedServer {
  private readonly documents = new Map<string, { body: string; type: string }>();
  readonly hits = new Map<string, number>();
  private server: Server | null = null;
  private port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
      const doc = this.documents.get(path);
      if (!doc) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': `${doc.type}; charset=utf-8` }).end(doc.body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  publish(path: string, body: string, type = 'application/cap+xml'): void {
    this.documents.set(path, { body, type });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
