import type { PublishedPost, SocialCredentials, SocialImage, SocialPost, SocialPublisher } from '../social-publisher.js';
import { form, multipart, socialRequest } from '../social-http.js';
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
    const page = `/${credentials.externalId}`;
    // POST /{page-id}/photos, multipart: access_token, caption, published, scheduled_publish_time and
    // the file as `source` (Graph's "Uploading Photos" guide: a photo is given as `url` or as a file
    // in the request; uploading means Facebook never has to reach us). Graph answers a feed post with
    // {id} and a photo with {id: <photo id>, post_id: <page post id>}; the page post, whose message is
    // the caption, is what find() reads back and DELETE removes (the photo id stands in without post_id).
    const answer = post.image
      ? await this.request('POST', `${page}/photos`, credentials.accessToken, { caption: message, ...schedule }, post.image)
      : await this.request('POST', `${page}/feed`, credentials.accessToken, { message, link: post.link, ...schedule });
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

  /** Graph edits a page post's text in place: POST /{post-id} with message (a photo post's caption is its message). */
  async edit(credentials: SocialCredentials, postId: string, post: SocialPost): Promise<PublishedPost> {
    await this.request('POST', `/${postId}`, credentials.accessToken, { message: `${post.text}\n\n${post.link}` });
    return { postId, scheduled: false };
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
    source?: SocialImage,
  ): Promise<Record<string, unknown>> {
    const url = `${this.options.baseUrl}/${this.options.version}${path}`;
    // The token travels in the body for writes and in the query for reads, as Graph documents it.
    const withToken = { ...params, access_token: accessToken };
    const answer =
      method === 'POST'
        ? await socialRequest(url, { method, ...writeBody(withToken, source), write: true, timeoutMs: this.options.timeoutMs })
        : await socialRequest(`${url}?${form(withToken)}`, { method, write: method === 'DELETE', timeoutMs: this.options.timeoutMs });
    if (answer.status === 200 && !answer.body.error) return answer.body;
    throw graphError(answer.status, answer.body);
  }
}

/** A write's body: form-encoded, or multipart when a photo goes with it as `source`. */
function writeBody(fields: Record<string, string>, source?: SocialImage): { headers?: Record<string, string>; body: string | FormData } {
  if (source) return { body: multipart(fields, 'source', source) };
  return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(fields) };
}
