import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { NotFoundError, publicImageUrl, publicMessageUrl } from '#domain/index.js';
import { FeedRepository } from '#persistence/index.js';
import { FILE_STORE, type FileStore } from '../attachments/file-store.js';
import { feedUpdated, renderAtom, renderRss, type FeedDocument } from './feed-render.js';
import { renderMessagePage, renderMissingMessagePage } from './message-page.js';

const FEED_SIZE = 50;

export interface RenderedDocument {
  body: string;
  lastModified: Date;
  /** The page says the message is not published: answered with 404, and not cached. */
  missing?: boolean;
}

export interface PublicImageFile {
  content: Readable;
  contentType: string;
  sizeBytes: number;
}

/** The unit's public web feed (RSS 2.0, Atom) and the public page of each published message, with its images. */
@Injectable()
export class FeedsService {
  constructor(
    private readonly feeds: FeedRepository,
    @Inject(FILE_STORE) private readonly files: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async unitFeed(unitId: string, format: 'rss' | 'atom', subtree: boolean): Promise<RenderedDocument> {
    const unit = await this.feeds.unit(unitId);
    if (!unit) throw new NotFoundError('unit');
    const items = await this.feeds.published(unit.path, subtree, FEED_SIZE);
    const base = this.config.publicBaseUrl;
    const doc: FeedDocument = {
      unit,
      subtree,
      items,
      selfUrl: `${base}/feeds/units/${unit.id}/${format}.xml${subtree ? '?subtree=1' : ''}`,
      siteUrl: `${base}/`,
      messageUrl: (id) => publicMessageUrl(base, id),
      imageUrl: (messageId, attachmentId) => publicImageUrl(base, messageId, attachmentId),
    };
    return { body: format === 'rss' ? renderRss(doc) : renderAtom(doc), lastModified: feedUpdated(items) };
  }

  async messagePage(id: string): Promise<RenderedDocument> {
    const message = await this.feeds.message(id);
    // A citizen follows this link from a board's QR code or a post: a page, not the API's JSON error.
    if (!message) return { body: renderMissingMessagePage(), lastModified: new Date(0), missing: true };
    const page = renderMessagePage(message, {
      timeZone: this.config.defaultTimeZone,
      imageUrl: (attachmentId) => publicImageUrl(this.config.publicBaseUrl, message.id, attachmentId),
    });
    return { body: page, lastModified: message.updatedAt };
  }

  /** An image of the page: an image attachment of the version the page shows, nothing else. */
  async messageImage(messageId: string, attachmentId: string): Promise<PublicImageFile> {
    const image = await this.feeds.pageImage(messageId, attachmentId);
    if (!image) throw new NotFoundError('attachment');
    return { content: await this.files.open(image.storageKey), contentType: image.contentType, sizeBytes: image.sizeBytes };
  }
}
