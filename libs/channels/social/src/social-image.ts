import { Inject, Injectable } from '@nestjs/common';
import type { SocialImage } from './providers/social-publisher.js';
import { AttachmentRepository, type StoredAttachment } from '#persistence/repositories/attachment.repository.js';
import { FILE_STORE, type FileStore } from '#services/attachments/file-store.js';

/** The photo formats Facebook takes that an attachment can be (uploads are JPEG, PNG or WebP; GIF is listed for completeness). */
export const FACEBOOK_PHOTO_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/**
 * Facebook's photo size limit. Graph refuses larger uploads with code 100, subcode 1366046: "Photos
 * should be less than 4 MB and saved as JPG, PNG, GIF, TIFF, HEIF or WebP files"; its "Uploading
 * Photos" guide (developers.facebook.com/docs/graph-api/photo-uploads) also says to keep photos
 * under 4MB. Read as decimal megabytes, the lower of the two readings.
 */
export const FACEBOOK_PHOTO_MAX_BYTES = 4_000_000;

/**
 * The photo of a social post: the first attachment of the version, in its order, that Facebook takes
 * as a photo. An image too large is passed over (the next one, or a text post), never an error.
 */
@Injectable()
export class SocialImageLoader {
  constructor(
    private readonly attachments: AttachmentRepository,
    @Inject(FILE_STORE) private readonly store: FileStore,
  ) {}

  /** The attachment chosen as the post's photo, without reading it (a Zalo cover only needs its id). */
  async choose(version: { attachmentIds: string[] }): Promise<StoredAttachment | null> {
    const rows = await this.attachments.inOrder(version.attachmentIds);
    return rows.find((a) => FACEBOOK_PHOTO_TYPES.has(a.contentType) && a.sizeBytes <= FACEBOOK_PHOTO_MAX_BYTES) ?? null;
  }

  async load(version: { attachmentIds: string[] }): Promise<SocialImage | null> {
    const chosen = await this.choose(version);
    if (!chosen) return null;
    const content = await this.store.open(chosen.storageKey);
    return { bytes: Buffer.concat(await content.toArray()), contentType: chosen.contentType, fileName: chosen.originalName };
  }
}
