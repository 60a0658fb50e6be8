import { randomBytes } from 'node:crypto';
import { OutcomeUnknownError, PermanentError } from '#domain/index.js';
import { FakeGraphServer, graphError } from '#fakes/fake-graph.server.js';
import type { SocialCredentials, SocialImage, SocialPost } from '../social-publisher.js';
import { GraphPageAdapter } from './graph-page.adapter.js';

/** The adapter's real HTTP requests against a local fake of the Graph API's Page endpoints. */
describe('GraphPageAdapter photo posts', () => {
  let fake: FakeGraphServer;
  let credentials: SocialCredentials;
  const PAGE_ID = '1010101010';
  const adapter = (timeoutMs = 2_000) => new GraphPageAdapter({ baseUrl: fake.url, version: fake.version, timeoutMs });
  const image: SocialImage = { bytes: randomBytes(300_000), contentType: 'image/jpeg', fileName: 'ảnh-tiếp-công-dân.jpg' };
  const post = (marker: string, over: Partial<SocialPost> = {}): SocialPost => ({
    title: 'Lịch tiếp công dân',
    text: 'UBND xã tiếp công dân vào sáng thứ Năm hằng tuần.',
    link: `https://tin.example.vn/public/messages/m1?m=${marker}`,
    marker,
    image,
    ...over,
  });
  const message = (p: SocialPost) => `${p.text}\n\n${p.link}`;
  // multipart/form-data carries line breaks as CRLF (the form encoding fetch follows), so Graph reads the caption so.
  const caption = (p: SocialPost) => message(p).replace(/\n/g, '\r\n');

  beforeAll(async () => {
    fake = await FakeGraphServer.start('v25.0');
    credentials = { externalId: PAGE_ID, accessToken: fake.addPage(PAGE_ID, 'Trang UBND xã'), canBroadcast: false };
  });
  afterEach(() => {
    expect(fake.problems).toEqual([]);
    fake.reset();
  });
  afterAll(() => fake.close());

  it('uploads the image as multipart `source` with the text and link as caption, and answers the page post id', async () => {
    const sent = post('tc00000000001');
    const published = await adapter().publish(credentials, sent);

    expect(fake.callsTo('POST /{page}/feed')).toHaveLength(0);
    const [call] = fake.callsTo('POST /{page}/photos');
    expect(call.contentType).toBe('multipart/form-data');
    expect(call.query).toEqual({});
    expect(call.body).toEqual({ access_token: credentials.accessToken, caption: caption(sent) });
    expect(Object.keys(call.files)).toEqual(['source']);
    expect(call.files.source.bytes.equals(image.bytes)).toBe(true);
    expect(call.files.source).toMatchObject({ contentType: 'image/jpeg', fileName: 'ảnh-tiếp-công-dân.jpg' });

    const stored = fake.posts.at(-1)!;
    expect(published).toEqual({ postId: stored.id, scheduled: false });
    expect(stored.id).toMatch(new RegExp(`^${PAGE_ID}_`));
    expect(stored.id).not.toBe(stored.photo?.id);
    expect(stored).toMatchObject({ message: caption(sent), published: true, scheduledPublishTime: null });
    expect(stored.photo?.bytes.equals(image.bytes)).toBe(true);

    expect(await adapter().find(credentials, 'tc00000000001')).toEqual({ postId: stored.id, scheduled: false });
  });

  it('hands a photo post to Facebook’s schedule with published=false and scheduled_publish_time, like a feed post', async () => {
    const at = new Date(Date.now() + 2 * 3_600_000);
    const sent = post('tc00000000002', { publishAt: at });
    const published = await adapter().publish(credentials, sent);

    const [call] = fake.callsTo('POST /{page}/photos');
    expect(call.body).toEqual({
      access_token: credentials.accessToken,
      caption: caption(sent),
      published: 'false',
      scheduled_publish_time: String(Math.floor(at.getTime() / 1000)),
    });
    expect(call.files.source.bytes.equals(image.bytes)).toBe(true);
    const stored = fake.posts.at(-1)!;
    expect(published).toEqual({ postId: stored.id, scheduled: true });
    expect(stored).toMatchObject({ published: false, scheduledPublishTime: Math.floor(at.getTime() / 1000) });

    expect(await adapter().find(credentials, 'tc00000000002')).toEqual({ postId: stored.id, scheduled: true });
    await adapter().unpublish(credentials, published.postId);
    expect(stored.deleted).toBe(true);
    expect(await adapter().find(credentials, 'tc00000000002')).toBeNull();
  });

  it('keeps a post without an image on the feed edge, form-encoded', async () => {
    const sent = post('tc00000000003', { image: null });
    const published = await adapter().publish(credentials, sent);
    expect(fake.callsTo('POST /{page}/photos')).toHaveLength(0);
    const [call] = fake.callsTo('POST /{page}/feed');
    expect(call.contentType).toBe('application/x-www-form-urlencoded');
    expect(call.body).toEqual({ access_token: credentials.accessToken, message: message(sent), link: sent.link });
    expect(call.files).toEqual({});
    expect(fake.posts.at(-1)).toMatchObject({ id: published.postId, photo: null });
  });

  it('an upload whose answer never comes is an unknown outcome, and the post is found by its marker', async () => {
    fake.script('POST /{page}/photos', { kind: 'apply-then-hang' });
    await expect(adapter(400).publish(credentials, post('tc00000000004'))).rejects.toBeInstanceOf(OutcomeUnknownError);
    const stored = fake.posts.at(-1)!;
    expect(stored.photo?.bytes.equals(image.bytes)).toBe(true);
    expect(await adapter().find(credentials, 'tc00000000004')).toEqual({ postId: stored.id, scheduled: false });
  });

  it("Graph's refusal of the file is a permanent bad request carrying code and subcode", async () => {
    fake.script('POST /{page}/photos', { kind: 'error', status: 400, body: graphError(100, 'Invalid parameter', 1366046) });
    const error = await adapter()
      .publish(credentials, post('tc00000000005'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ providerCode: '100/1366046', reason: 'bad-request' });
  });
});
