import { randomBytes } from 'node:crypto';
import { FakeSocialServer, type RecordedRequest } from './fake-social-http.js';

export interface FakeGraphPost {
  id: string;
  pageId: string;
  message: string;
  link: string | null;
  published: boolean;
  scheduledPublishTime: number | null;
  deleted: boolean;
}

const MIN_AHEAD_S = 10 * 60;
const MAX_AHEAD_S = 30 * 86_400;

export const graphError = (code: number, message: string, subcode?: number): Record<string, unknown> => ({
  error: { message, type: code === 190 ? 'OAuthException' : 'GraphMethodException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: randomBytes(6).toString('hex') },
});

/**
 * The Graph API's Page endpoints on a local port: /{version}/{page-id}/feed (form-encoded POST with
 * access_token, message, link, published, scheduled_publish_time), /{page-id}/scheduled_posts,
 * /{post-id} DELETE and /me. Checks the version in the path, the page token and Facebook's
 * scheduling window; errors come in Graph's {error:{message,type,code,error_subcode,fbtrace_id}}.
 */
export class FakeGraphServer extends FakeSocialServer {
  readonly posts: FakeGraphPost[] = [];
  private readonly tokens = new Map<string, { pageId: string; name: string }>();

  constructor(readonly version: string) {
    super();
  }

  static async start(version = 'v25.0', port = 0, host = '127.0.0.1'): Promise<FakeGraphServer> {
    const fake = new FakeGraphServer(version);
    await fake.listen(port, host);
    return fake;
  }

  protected state(): unknown {
    return { posts: this.posts, problems: this.problems };
  }

  addPage(pageId: string, name: string): string {
    const token = `EAAG${randomBytes(16).toString('hex')}`;
    this.tokens.set(token, { pageId, name });
    return token;
  }

  expireToken(token: string): void {
    this.tokens.delete(token);
  }

  protected routeOf(req: RecordedRequest): string {
    const parts = req.path.split('/').filter(Boolean);
    if (parts.length === 3) return `${req.method} /{page}/${parts[2]}`;
    if (parts[1] === 'me') return `${req.method} /me`;
    return `${req.method} /{object}`;
  }

  protected answer(req: RecordedRequest): [number, Record<string, unknown>] {
    const [version, ...rest] = req.path.split('/').filter(Boolean);
    if (version !== this.version) this.problem(req, `version ${version} in the path, expected ${this.version}`);
    const params = req.method === 'POST' ? req.body : req.query;
    if (req.method === 'POST' && req.contentType !== 'application/x-www-form-urlencoded') this.problem(req, `content-type ${req.contentType}`);
    if (req.method === 'POST' && req.query.access_token) this.problem(req, 'access_token belongs in the POST body');
    const page = this.tokens.get(String(params.access_token ?? ''));
    if (!page) return [400, graphError(190, 'Error validating access token: Session has expired.', 463)];
    const route = this.routeOf(req);
    if (route === 'GET /me') return [200, { id: page.pageId, name: page.name }];
    if (route.startsWith('POST /{page}/') || route.startsWith('GET /{page}/')) {
      if (rest[0] !== page.pageId) return [400, graphError(200, 'Permissions error: token is not for this page')];
    }
    switch (route) {
      case 'POST /{page}/feed':
        return this.publish(req, page.pageId);
      case 'GET /{page}/feed':
      case 'GET /{page}/scheduled_posts': {
        if (!String(req.query.fields ?? '').split(',').includes('message')) this.problem(req, 'fields should ask for message');
        const scheduled = route.endsWith('scheduled_posts');
        const data = this.posts
          .filter((p) => p.pageId === page.pageId && !p.deleted && p.published !== scheduled)
          .reverse()
          .slice(0, Number(req.query.limit ?? 25))
          .map((p) => ({ id: p.id, message: p.message }));
        return [200, { data, paging: {} }];
      }
      case 'DELETE /{object}': {
        const post = this.posts.find((p) => p.id === rest[0] && !p.deleted);
        if (!post) return [400, graphError(100, 'Unsupported delete request', 33)];
        post.deleted = true;
        return [200, { success: true }];
      }
      default:
        this.problem(req, 'unknown endpoint');
        return [400, graphError(100, 'Unknown path components')];
    }
  }

  private publish(req: RecordedRequest, pageId: string): [number, Record<string, unknown>] {
    const b = req.body as Record<string, string | undefined>;
    if (!b.message && !b.link) return [400, graphError(100, 'Param message or link is required')];
    if (b.published !== undefined && b.published !== 'true' && b.published !== 'false') this.problem(req, 'published must be true or false');
    let scheduledPublishTime: number | null = null;
    if (b.published === 'false') {
      if (!b.scheduled_publish_time || !/^\d+$/.test(b.scheduled_publish_time)) {
        this.problem(req, 'scheduled_publish_time must be a UNIX timestamp when published=false');
        return [400, graphError(100, 'Invalid parameter')];
      }
      scheduledPublishTime = Number(b.scheduled_publish_time);
      const ahead = scheduledPublishTime - Date.now() / 1000;
      if (ahead < MIN_AHEAD_S || ahead > MAX_AHEAD_S) {
        this.problem(req, `scheduled_publish_time ${Math.round(ahead)} s ahead is outside 10 minutes–30 days`);
        return [400, graphError(100, 'The specified scheduled publish time is invalid.', 1501234)];
      }
    } else if (b.scheduled_publish_time) {
      this.problem(req, 'scheduled_publish_time needs published=false');
    }
    const post: FakeGraphPost = {
      id: `${pageId}_${randomBytes(6).toString('hex')}`,
      pageId,
      message: b.message ?? '',
      link: b.link ?? null,
      published: scheduledPublishTime === null,
      scheduledPublishTime,
      deleted: false,
    };
    this.posts.push(post);
    return [200, { id: post.id }];
  }
}
