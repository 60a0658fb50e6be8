import type { PublishedPost, SocialCredentials, SocialPost, SocialPublisher } from '../social/social-publisher.js';
import { form, socialRequest } from '../social/social-http.js';
import { graphError } from './graph-errors.js';

export interface GraphOptions {
  baseUrl: string;
  version: string;
  timeoutMs: number;
}

/** Facebook accepts scheduled_publish_time between 10 minutes and 30 days ahead. */
export const GRAPH_SCHEDULE_MIN_MS = 10 * 60_000;
export const GRAPH_SCHEDULE_MAX_MS = 30 * 86_400_000;

interface GraphPost {
  id: string;
  message?: string;
}

/**
 * A Facebook Page through the Graph API: a feed post (message + link) or a photo post, published at
 * once or held by Facebook until its time when that lies inside Facebook's scheduling window.
 */
export class GraphPageAdapter implements SocialPublisher {
  readonly platform = 'facebook' as const;

  constructor(private readonly options: GraphOptions) {}

  async publish(credentials: SocialCredentials, post: SocialPost): Promise<PublishedPost> {
    const ahead = post.publishAt ? post.publishAt.getTime() - Date.now() : 0;
    const scheduled = ahead >= GRAPH_SCHEDULE_MIN_MS && ahead <= GRAPH_SCHEDULE_MAX_MS;
    const message = `${post.text}\n\n${post.link}`;
    const schedule: Record<string, string> = scheduled
      ? { published: 'false', scheduled_publish_time: String(Math.floor((post.publishAt as Date).getTime() / 1000)) }
      : {};
    const edge = post.imageUrl ? 'photos' : 'feed';
    const fields: Record<string, string> = post.imageUrl ? { url: post.imageUrl, caption: message } : { message, link: post.link };
    const answer = await this.request('POST', `/${credentials.externalId}/${edge}`, credentials.accessToken, { ...fields, ...schedule });
    const id = String(answer.post_id ?? answer.id ?? '');
    return { postId: id, scheduled };
  }

  async find(credentials: SocialCredentials, marker: string): Promise<PublishedPost | null> {
    for (const [edge, scheduled] of [
      ['scheduled_posts', true],
      ['feed', false],
    ] as const) {
      const answer = await this.request('GET', `/${credentials.externalId}/${edge}`, credentials.accessToken, { fields: 'id,message', limit: '50' });
      const hit = ((answer.data as GraphPost[] | undefined) ?? []).find((p) => p.message?.includes(`m=${marker}`));
      if (hit) return { postId: hit.id, scheduled };
    }
    return null;
  }

  async unpublish(credentials: SocialCredentials, postId: string): Promise<void> {
    await this.request('DELETE', `/${postId}`, credentials.accessToken, {});
  }

  /** A page token is valid when /me answers as the page. */
  async check(credentials: SocialCredentials): Promise<{ id: string; name: string }> {
    const answer = await this.request('GET', '/me', credentials.accessToken, { fields: 'id,name' });
    return { id: String(answer.id ?? ''), name: String(answer.name ?? '') };
  }

  private async request(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    accessToken: string,
    params: Record<string, string>,
  ): Promise<Record<string, unknown>> {
    const url = `${this.options.baseUrl}/${this.options.version}${path}`;
    // The token travels in the body for writes and in the query for reads, as Graph documents it.
    const withToken = { ...params, access_token: accessToken };
    const answer =
      method === 'POST'
        ? await socialRequest(url, {
            method,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: form(withToken),
            write: true,
            timeoutMs: this.options.timeoutMs,
          })
        : await socialRequest(`${url}?${form(withToken)}`, { method, write: method === 'DELETE', timeoutMs: this.options.timeoutMs });
    if (answer.status === 200 && !answer.body.error) return answer.body;
    throw graphError(answer.status, answer.body);
  }
}
