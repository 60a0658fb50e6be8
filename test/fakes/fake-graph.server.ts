import { randomBytes } from 'node:crypto';
import { FakeSocialServer, type RecordedFile, type RecordedRequest } from './fake-social-http.js';

export interface FakeGraphPhoto extends RecordedFile {
  /** The photo object's id; the post that shows it has its own id. */
  id: string;
}

export interface FakeGraphPost {
  id: string;
  pageId: string;
  /** The feed post's message, or the photo's caption. */
  message: string;
  link: string | null;
  photo: FakeGraphPhoto | null;
  published: boolean;
  scheduledPublishTime: number | null;
  deleted: boolean;
}

const MIN_AHEAD_S = 10 * 60;
const MAX_AHEAD_S = 30 * 86_400;
/** What Graph's photo upload takes ("Photos should be less than 4 MB and saved as JPG, PNG, GIF, TIFF, HEIF or WebP files"). */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/tiff', 'image/heif', 'image/webp', 'image/bmp']);
const PHOTO_MAX_BYTES = 4 * 1024 * 1024;

export const graphError = (code: number, message: string, subcode?: number): Record<string, unknown> => ({
  error: { message, type: code === 190 ? 'OAuthException' : 'GraphMethodException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: randomBytes(6).toString('hex') },
});

/**
 * The Graph API's Page endpoints on a local port: /{version}/{page-id}/feed (form-encoded POST with
 * access_token, message, link, published, scheduled_publish_time), /{page-id}/photos (multipart POST
 * with access_token, caption, the same scheduling fields and the file as `source`; answers
 * {id: <photo id>, post_id: <page post id>}), /{page-id}/scheduled_posts, /{post-id} POST (edit the message) and DELETE, and /me.
 * Checks the version in the path, the page token and Facebook's scheduling window; errors come in
 * Graph's {error:{message,type,code,error_subcode,fbtrace_id}}.
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
    const posts = this.posts.map((p) => (p.photo ? { ...p, photo: { ...p.photo, bytes: `${p.photo.bytes.length} bytes` } } : p));
    return { posts, problems: this.problems };
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
    const route = this.routeOf(req);
    const bodyType = route === 'POST /{page}/photos' ? 'multipart/form-data' : 'application/x-www-form-urlencoded';
    if (req.method === 'POST' && req.contentType !== bodyType) this.problem(req, `content-type ${req.contentType}, expected ${bodyType}`);
    if (req.method === 'POST' && req.query.access_token) this.problem(req, 'access_token belongs in the POST body');
    const page = this.tokens.get(String(params.access_token ?? ''));
    if (!page) return [400, graphError(190, 'Error validating access token: Session has expired.', 463)];
    if (route === 'GET /me') return [200, { id: page.pageId, name: page.name }];
    if (route.startsWith('POST /{page}/') || route.startsWith('GET /{page}/')) {
      if (rest[0] !== page.pageId) return [400, graphError(200, 'Permissions error: token is not for this page')];
    }
    switch (route) {
      case 'POST /{page}/feed':
        return this.publish(req, page.pageId);
      case 'POST /{page}/photos':
        return this.publishPhoto(req, page.pageId);
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
      case 'POST /{object}': {
        // Editing a page post: Graph takes a new message for the post (a photo post's caption).
        const post = this.posts.find((p) => (p.id === rest[0] || p.photo?.id === rest[0]) && !p.deleted);
        if (!post) return [400, graphError(100, 'Unsupported post request', 33)];
        if (typeof req.body.message !== 'string' || !req.body.message) return [400, graphError(100, 'Param message must be non-empty')];
        post.message = req.body.message;
        return [200, { success: true }];
      }
      case 'DELETE /{object}': {
        const post = this.posts.find((p) => (p.id === rest[0] || p.photo?.id === rest[0]) && !p.deleted);
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
    const schedule = this.schedule(req);
    if ('error' in schedule) return schedule.error;
    const post = this.record({ pageId, message: b.message ?? '', link: b.link ?? null, photo: null, ...schedule });
    return [200, { id: post.id }];
  }

  private publishPhoto(req: RecordedRequest, pageId: string): [number, Record<string, unknown>] {
    const b = req.body as Record<string, string | undefined>;
    const source = req.files.source;
    if (!source) {
      this.problem(req, b.url ? 'photo given as url: it must be uploaded as source' : 'no source file');
      return [400, graphError(324, '(#324) Requires upload file')];
    }
    if (!PHOTO_TYPES.has(source.contentType) || source.bytes.length === 0 || source.bytes.length >= PHOTO_MAX_BYTES) {
      this.problem(req, `source of ${source.bytes.length} bytes as ${source.contentType || 'no type'} is not a photo Facebook takes`);
      return [400, graphError(100, 'Invalid parameter', 1366046)];
    }
    if (b.message !== undefined) this.problem(req, 'message is deprecated on /photos: the text goes in caption');
    if (!b.caption) this.problem(req, 'no caption: the post would carry neither text nor link');
    const schedule = this.schedule(req);
    if ('error' in schedule) return schedule.error;
    const photo = { id: randomBytes(8).toString('hex'), ...source };
    const post = this.record({ pageId, message: b.caption ?? '', link: null, photo, ...schedule });
    return [200, { id: photo.id, post_id: post.id }];
  }

  /** published / scheduled_publish_time, checked alike on /feed and /photos. */
  private schedule(req: RecordedRequest): { scheduledPublishTime: number | null } | { error: [number, Record<string, unknown>] } {
    const b = req.body as Record<string, string | undefined>;
    if (b.published !== undefined && b.published !== 'true' && b.published !== 'false') this.problem(req, 'published must be true or false');
    if (b.published !== 'false') {
      if (b.scheduled_publish_time) this.problem(req, 'scheduled_publish_time needs published=false');
      return { scheduledPublishTime: null };
    }
    if (!b.scheduled_publish_time || !/^\d+$/.test(b.scheduled_publish_time)) {
      this.problem(req, 'scheduled_publish_time must be a UNIX timestamp when published=false');
      return { error: [400, graphError(100, 'Invalid parameter')] };
    }
    const scheduledPublishTime = Number(b.scheduled_publish_time);
    const ahead = scheduledPublishTime - Date.now() / 1000;
    if (ahead < MIN_AHEAD_S || ahead > MAX_AHEAD_S) {
      this.problem(req, `scheduled_publish_time ${Math.round(ahead)} s ahead is outside 10 minutes–30 days`);
      return { error: [400, graphError(100, 'The specified scheduled publish time is invalid.', 1501234)] };
    }
    return { scheduledPublishTime };
  }

  private record(input: Pick<FakeGraphPost, 'pageId' | 'message' | 'link' | 'photo' | 'scheduledPublishTime'>): FakeGraphPost {
    const post: FakeGraphPost = {
      id: `${input.pageId}_${randomBytes(6).toString('hex')}`,
      ...input,
      published: input.scheduledPublishTime === null,
      deleted: false,
    };
    this.posts.push(post);
    return post;
  }
}
