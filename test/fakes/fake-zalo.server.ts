import { randomBytes } from 'node:crypto';
import { FakeSocialServer, type RecordedRequest } from './fake-social-http.js';

export interface FakeZaloArticle {
  id: string;
  token: string;
  title: string;
  description: string;
  body: { type?: string; content?: string }[];
  trackingLink: string;
  /** cover.photo_url: Zalo fetches the cover from there. */
  coverUrl: string | null;
  removed: boolean;
}

interface FakeOa {
  oaId: string;
  name: string;
  appId: string;
  appSecret: string;
}

const ARTICLE_TYPES = ['normal', 'video'];
const ok = (data: Record<string, unknown> = {}): [number, Record<string, unknown>] => [200, { data, error: 0, message: 'Success' }];
const fail = (error: number, message: string): [number, Record<string, unknown>] => [200, { error, message }];

/**
 * Zalo OA Open API (openapi.zalo.me) and OAuth v4 (oauth.zaloapp.com) on one local port. Checks the
 * documented request shapes: `access_token` header, JSON article bodies, form-encoded refresh with
 * `secret_key` header; refresh tokens are single-use and rotate like Zalo's. Answers in Zalo's
 * envelope ({data, error, message}; OAuth errors {error, error_name, error_description}).
 */
export class FakeZaloServer extends FakeSocialServer {
  readonly articles: FakeZaloArticle[] = [];
  readonly broadcasts: { articleId: string; target: unknown }[] = [];
  readonly refreshLog: { used: string; issued: string; accessToken: string }[] = [];
  private readonly accessTokens = new Map<string, FakeOa>();
  private readonly refreshTokens = new Map<string, FakeOa>();
  private sequence = 1000;

  static async start(port = 0, host = '127.0.0.1'): Promise<FakeZaloServer> {
    const fake = new FakeZaloServer();
    await fake.listen(port, host);
    return fake;
  }

  protected state(): unknown {
    return { articles: this.articles, broadcasts: this.broadcasts, refreshes: this.refreshLog.length, problems: this.problems };
  }

  /** Registers an OA and returns its first token pair. */
  addOa(oa: FakeOa): { accessToken: string; refreshToken: string } {
    const accessToken = `zat-${randomBytes(12).toString('hex')}`;
    const refreshToken = `zrt-${randomBytes(12).toString('hex')}`;
    this.accessTokens.set(accessToken, oa);
    this.refreshTokens.set(refreshToken, oa);
    return { accessToken, refreshToken };
  }

  revokeAccessToken(token: string): void {
    this.accessTokens.delete(token);
  }

  isValidAccessToken(token: string): boolean {
    return this.accessTokens.has(token);
  }

  protected routeOf(req: RecordedRequest): string {
    return `${req.method} ${req.path}`;
  }

  protected answer(req: RecordedRequest): [number, Record<string, unknown>] {
    if (req.path === '/v4/oa/access_token') return this.refresh(req);
    const token = req.headers['access_token'];
    if (typeof token !== 'string' || !token) {
      this.problem(req, 'missing access_token header');
      return fail(-216, 'Access token is invalid');
    }
    if (req.query.access_token) this.problem(req, 'access_token must be a header, not a query parameter');
    const oa = this.accessTokens.get(token);
    if (!oa) return fail(-216, 'Access token is invalid');
    if (req.method === 'POST' && req.contentType !== 'application/json') this.problem(req, `content-type ${req.contentType}, expected application/json`);
    switch (this.routeOf(req)) {
      case 'GET /v2.0/oa/getoa':
        return ok({ oa_id: oa.oaId, name: oa.name });
      case 'POST /v2.0/article/create':
        return this.create(req);
      case 'POST /v2.0/article/verify': {
        const article = this.articles.find((a) => a.token === req.body.token);
        return article ? ok({ id: article.id }) : fail(-201, 'token is invalid');
      }
      case 'GET /v2.0/article/getslice': {
        if (!req.query.offset || !req.query.limit) this.problem(req, 'getslice needs offset and limit');
        const live = this.articles.filter((a) => !a.removed).reverse();
        const page = live.slice(Number(req.query.offset ?? 0), Number(req.query.offset ?? 0) + Number(req.query.limit ?? 10));
        return ok({ medias: page.map((a) => ({ id: a.id, title: a.title, type: 'normal', status: 'show' })), total: live.length });
      }
      case 'GET /v2.0/article/getdetail': {
        const article = this.articles.find((a) => a.id === req.query.id && !a.removed);
        return article ? ok({ id: article.id, title: article.title, tracking_link: article.trackingLink, body: article.body }) : fail(-201, 'article not found');
      }
      case 'POST /v2.0/article/remove': {
        const article = this.articles.find((a) => a.id === req.body.id);
        if (!article) return fail(-201, 'article not found');
        article.removed = true;
        return ok({});
      }
      case 'POST /v2.0/oa/message':
        return this.broadcast(req);
      default:
        this.problem(req, 'unknown endpoint');
        return [404, { error: -201, message: 'unknown endpoint' }];
    }
  }

  private create(req: RecordedRequest): [number, Record<string, unknown>] {
    const b = req.body as Record<string, unknown>;
    if (!ARTICLE_TYPES.includes(String(b.type))) this.problem(req, `type must be one of ${ARTICLE_TYPES.join(', ')}`);
    if (typeof b.title !== 'string' || !b.title || b.title.length > 150) this.problem(req, 'title must be 1–150 characters');
    if (typeof b.author !== 'string' || !b.author) this.problem(req, 'author is required');
    if (typeof b.description !== 'string' || b.description.length > 300) this.problem(req, 'description must be ≤ 300 characters');
    const body = b.body as { type?: string; content?: string }[] | undefined;
    if (!Array.isArray(body) || body.length === 0 || body.some((p) => p.type !== 'text' && p.type !== 'image')) {
      this.problem(req, 'body must be a non-empty array of {type: text|image}');
    }
    if (!['show', 'hide'].includes(String(b.status))) this.problem(req, 'status must be show or hide');
    const cover = b.cover as { cover_type?: string; photo_url?: string; status?: string } | undefined;
    if (cover !== undefined) {
      if (cover.cover_type !== 'photo') this.problem(req, 'cover.cover_type must be photo');
      if (!/^https?:\/\//.test(String(cover.photo_url ?? ''))) this.problem(req, 'cover.photo_url must be an http(s) URL');
      if (!['show', 'hide'].includes(String(cover.status))) this.problem(req, 'cover.status must be show or hide');
    }
    const token = `art-${randomBytes(8).toString('hex')}`;
    this.articles.push({
      id: String((this.sequence += 1)),
      token,
      title: String(b.title),
      description: String(b.description ?? ''),
      body: body ?? [],
      trackingLink: String(b.tracking_link ?? ''),
      coverUrl: cover?.photo_url ?? null,
      removed: false,
    });
    return ok({ token });
  }

  private broadcast(req: RecordedRequest): [number, Record<string, unknown>] {
    const b = req.body as { recipient?: { target?: unknown }; message?: { attachment?: { type?: string; payload?: { template_type?: string; elements?: { media_type?: string; attachment_id?: string }[] } } } };
    if (!b.recipient?.target || typeof b.recipient.target !== 'object') this.problem(req, 'broadcast needs recipient.target');
    const payload = b.message?.attachment?.payload;
    if (b.message?.attachment?.type !== 'template' || payload?.template_type !== 'media') this.problem(req, 'broadcast needs a media template');
    const element = payload?.elements?.[0];
    if (element?.media_type !== 'article' || !this.articles.some((a) => a.id === element.attachment_id)) {
      this.problem(req, 'broadcast element must be an existing article');
      return fail(-201, 'attachment_id is invalid');
    }
    this.broadcasts.push({ articleId: String(element.attachment_id), target: b.recipient?.target });
    return ok({ message_id: `bc-${randomBytes(6).toString('hex')}` });
  }

  private refresh(req: RecordedRequest): [number, Record<string, unknown>] {
    if (req.method !== 'POST') this.problem(req, 'token refresh must be POST');
    if (req.contentType !== 'application/x-www-form-urlencoded') this.problem(req, `content-type ${req.contentType}, expected form-encoded`);
    if (req.body.grant_type !== 'refresh_token') this.problem(req, 'grant_type must be refresh_token');
    const oa = this.refreshTokens.get(String(req.body.refresh_token));
    const invalid = { error: -14014, error_name: 'Invalid refresh token', error_reason: 'refresh token is invalid or used', error_description: 'Refresh token không hợp lệ' };
    if (!oa) return [200, invalid];
    if (req.body.app_id !== oa.appId || req.headers['secret_key'] !== oa.appSecret) {
      this.problem(req, 'app_id or secret_key header does not match the app');
      return [200, { error: -14002, error_name: 'Invalid app', error_description: 'app_id hoặc secret_key sai' }];
    }
    // Single use: the presented refresh token dies, a new pair is issued.
    this.refreshTokens.delete(String(req.body.refresh_token));
    const pair = this.addOa(oa);
    this.refreshLog.push({ used: String(req.body.refresh_token), issued: pair.refreshToken, accessToken: pair.accessToken });
    return [200, { access_token: pair.accessToken, refresh_token: pair.refreshToken, expires_in: '90000' }];
  }
}
