import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { MediaKind } from '#domain/index.js';
import { createDataSource } from '#persistence/index.js';
import { AttachmentRepository } from '#persistence/repositories/attachment.repository.js';
import { createUnit, createUser, type TestUnit } from '#test/fixtures.js';
import { createTestDatabase } from '#test/test-database.js';
import { LocalDiskFileStore } from '#services/attachments/local-disk-file-store.js';
import { FACEBOOK_PHOTO_MAX_BYTES, SocialImageLoader } from './social-image.js';

/** The photo of a Facebook post, chosen from a version's attachments in Postgres and read from a real file store. */
describe('SocialImageLoader against Postgres and the local file store', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let root: string;
  let store: LocalDiskFileStore;
  let attachments: AttachmentRepository;
  let loader: SocialImageLoader;
  let unit: TestUnit;
  let userId: string;
  const bytesOf = new Map<string, Buffer>();

  async function attach(kind: MediaKind, contentType: string, originalName: string, bytes = randomBytes(2_048)): Promise<string> {
    const stored = await store.put(bytes);
    const row = await attachments.insert(
      { unitId: unit.id, uploadedBy: userId, kind, contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256, storageKey: stored.key, originalName },
      db.manager,
    );
    bytesOf.set(row.id, bytes);
    return row.id;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDataSource(database.url).initialize();
    root = mkdtempSync(join(tmpdir(), 'tincoso-social-image-'));
    store = new LocalDiskFileStore(root);
    attachments = new AttachmentRepository(db);
    loader = new SocialImageLoader(attachments, store);
    unit = await createUnit(db, { name: 'Xã Ảnh Bài Đăng', level: 'commune' });
    userId = (await createUser(db, { role: 'officer', unit })).id;
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it("takes the first image in the version's order, passing over audio and images Facebook does not take", async () => {
    const audio = await attach('audio', 'audio/mpeg', 'ban-tin.mp3');
    const svg = await attach('image', 'image/svg+xml', 'so-do.svg');
    const png = await attach('image', 'image/png', 'anh-2.png');
    const jpeg = await attach('image', 'image/jpeg', 'ảnh đầu tiên.jpg');

    const image = await loader.load({ attachmentIds: [audio, svg, jpeg, png] });
    expect(image).toEqual({ bytes: bytesOf.get(jpeg), contentType: 'image/jpeg', fileName: 'ảnh đầu tiên.jpg' });
    expect((await loader.load({ attachmentIds: [png, jpeg] }))?.fileName).toBe('anh-2.png');
  });

  it('passes over an image above the photo limit to the next one; an image at the limit is taken', async () => {
    const tooBig = await attach('image', 'image/jpeg', 'qua-lon.jpg', randomBytes(FACEBOOK_PHOTO_MAX_BYTES + 1));
    const atLimit = await attach('image', 'image/webp', 'vua-du.webp', randomBytes(FACEBOOK_PHOTO_MAX_BYTES));
    const gif = await attach('image', 'image/gif', 'dong.gif');

    const image = await loader.load({ attachmentIds: [tooBig, atLimit, gif] });
    expect(image?.fileName).toBe('vua-du.webp');
    expect(image?.bytes.equals(bytesOf.get(atLimit)!)).toBe(true);
    expect((await loader.load({ attachmentIds: [tooBig, gif] }))?.contentType).toBe('image/gif');
  });

  it('answers null (a text post) when the version has no image Facebook takes', async () => {
    const audio = await attach('audio', 'audio/wav', 'loa.wav');
    const tooBig = await attach('image', 'image/png', 'qua-lon.png', randomBytes(FACEBOOK_PHOTO_MAX_BYTES + 1));
    expect(await loader.load({ attachmentIds: [] })).toBeNull();
    expect(await loader.load({ attachmentIds: [audio, tooBig] })).toBeNull();
    expect(await loader.load({ attachmentIds: [randomUUID()] })).toBeNull();
  });
});
