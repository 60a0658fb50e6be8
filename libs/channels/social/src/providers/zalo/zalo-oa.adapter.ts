import { isDeliveryError, OutcomeUnknownError, PermanentError } from '#domain/index.js';
import type { PublishedPost, RefreshedTokens, SocialCredentials, SocialPost, SocialPublisher } from '../social-publisher.js';
import { form, socialRequest, type HttpAnswer } from '../social-http.js';
import { zaloError } from './zalo-errors.js';

export interface ZaloOptions {
  apiBaseUrl: string;
  oauthBaseUrl: string;
  timeoutMs: number;
  /** Article creation is asynchronous: how often and how long to poll /article/verify. */
  verifyPollMs?: number;
  verifyAttempts?: number;
}

interface ZaloArticle {
  id: string;
  title?: string;
  tracking_link?: string;
}

/**
 * Zalo Official Account (OA Open API): a message becomes an article (create, then poll its creation
 * token), then, where the OA may broadcast, a broadcast message pointing at the article. Zalo has no
 * scheduled publishing, so posts go at the occurrence's time.
 */
export class ZaloOaAdapter implements SocialPublisher {
  readonly platform = 'zalo' as const;

  constructor(private readonly options: ZaloOptions) {}

  async publish(credentials: SocialCredentials, post: SocialPost): Promise<PublishedPost> {
    const created = await this.call('POST', '/v2.0/article/create', credentials.accessToken, {
      type: 'normal',
      title: post.title.slice(0, 150),
      author: 'UBND',
      description: post.text.slice(0, 300),
      body: [{ type: 'text', content: post.text }],
      tracking_link: post.link,
      status: 'show',
      comment: 'show',
      // Zalo fetches the cover itself, from the message's public page images (public once the occurrence has run).
      ...(post.coverUrl ? { cover: { cover_type: 'photo', photo_url: post.coverUrl, status: 'show' } } : {}),
    });
    const token = String((created.data as { token?: string } | undefined)?.token ?? '');
    if (!token) throw new OutcomeUnknownError('no-token', 'Zalo accepted the article without a creation token');
    const articleId = await this.awaitArticle(credentials, token);
    if (!credentials.canBroadcast) return { postId: articleId, scheduled: false };
    try {
      await this.call('POST', '/v2.0/oa/message', credentials.accessToken, {
        recipient: { target: { gender: '0' } },
        message: {
          attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'article', attachment_id: articleId }] } },
        },
      });
      return { postId: articleId, scheduled: false };
    } catch (error) {
      // The article is public already: failing the delivery now would publish it a second time on retry.
      const code = isDeliveryError(error) ? error.providerCode : 'unknown';
      return { postId: articleId, scheduled: false, warning: `article published; broadcast to followers failed (${code})` };
    }
  }

  async find(credentials: SocialCredentials, marker: string): Promise<PublishedPost | null> {
    const slice = await this.call('GET', '/v2.0/article/getslice?offset=0&limit=20&type=normal', credentials.accessToken);
    const medias = ((slice.data as { medias?: ZaloArticle[] } | undefined)?.medias ?? []).slice(0, 20);
    for (const media of medias) {
      const detail = await this.call('GET', `/v2.0/article/getdetail?id=${encodeURIComponent(media.id)}`, credentials.accessToken);
      const article = detail.data as ZaloArticle | undefined;
      if (article?.tracking_link?.includes(`m=${marker}`)) return { postId: media.id, scheduled: false };
    }
    return null;
  }

  async unpublish(credentials: SocialCredentials, postId: string): Promise<void> {
    await this.call('POST', '/v2.0/article/remove', credentials.accessToken, { id: postId });
  }

  /**
   * Zalo's article update is asynchronous and does not reach followers again, so an emergency update
   * removes the article and publishes the new text as a new one (broadcast to followers as at first).
   */
  async edit(credentials: SocialCredentials, postId: string, post: SocialPost): Promise<PublishedPost> {
    await this.unpublish(credentials, postId);
    return this.publish(credentials, post);
  }

  async check(credentials: SocialCredentials): Promise<{ id: string; name: string }> {
    const answer = await this.call('GET', '/v2.0/oa/getoa', credentials.accessToken);
    const data = answer.data as { oa_id?: string | number; name?: string } | undefined;
    return { id: String(data?.oa_id ?? ''), name: String(data?.name ?? '') };
  }

  /** OAuth v4: the refresh token is single-use; the answer carries the next one, which must be stored at once. */
  async refresh(appId: string, appSecret: string, refreshToken: string): Promise<RefreshedTokens> {
    const answer = await socialRequest(`${this.options.oauthBaseUrl}/v4/oa/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: appSecret },
      body: form({ refresh_token: refreshToken, app_id: appId, grant_type: 'refresh_token' }),
      // A refresh that left may have consumed the token: the caller treats that as unknown, not as retryable.
      write: true,
      timeoutMs: this.options.timeoutMs,
    });
    const body = answer.body as { access_token?: string; refresh_token?: string; expires_in?: string | number };
    if (answer.status !== 200 || !body.access_token || !body.refresh_token) throw zaloError(answer.status, answer.body);
    return {
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
      expiresAt: new Date(Date.now() + Number(body.expires_in ?? 90_000) * 1000),
    };
  }

  private async awaitArticle(credentials: SocialCredentials, token: string): Promise<string> {
    const attempts = this.options.verifyAttempts ?? 10;
    for (let i = 0; i < attempts; i += 1) {
      const answer = await this.call('POST', '/v2.0/article/verify', credentials.accessToken, { token }, true).catch((error: unknown) => {
        // The article was accepted: whatever goes wrong now, publishing again could make a second one.
        const code = isDeliveryError(error) ? error.providerCode : 'verify-failed';
        throw new OutcomeUnknownError(code, `article accepted, its creation could not be confirmed (${code})`);
      });
      const id = (answer.data as { id?: string } | undefined)?.id;
      if (id) return String(id);
      await new Promise((r) => setTimeout(r, this.options.verifyPollMs ?? 500));
    }
    // The article exists or soon will: verification by marker decides later, never a second create.
    throw new OutcomeUnknownError('article-pending', 'Zalo did not finish creating the article in time');
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    accessToken: string,
    body?: unknown,
    tolerateProcessing = false,
  ): Promise<Record<string, unknown>> {
    const answer: HttpAnswer = await socialRequest(`${this.options.apiBaseUrl}${path}`, {
      method,
      headers: { access_token: accessToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      write: method === 'POST' && !path.endsWith('/verify'),
      timeoutMs: this.options.timeoutMs,
    });
    const code = Number(answer.body.error ?? 0);
    if (answer.status === 200 && code === 0) return answer.body;
    if (tolerateProcessing && answer.status === 200 && !isFatal(code)) return {};
    throw zaloError(answer.status, answer.body);
  }
}

/** While an article is being created, /verify answers with a non-zero code that is not an auth or rate problem. */
function isFatal(code: number): boolean {
  const mapped = zaloError(200, { error: code });
  return mapped instanceof PermanentError && mapped.reason === 'reconnect-needed';
}
