import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/src/index.js';
import { NotFoundError, publicMessageUrl } from '../../../domain/src/index.js';

import { FeedRepository } from './feed.repository.js';
import { feedUpdated, renderAtom, renderRss, type FeedDocument } from './feed-render.js';
import { renderMessagePage } from './message-page.js';

export const FEED_SIZE = 50;

export interface RenderedDocument {
  body: string;
  lastModified: Date;
}

/** The unit's public web feed (RSS 2.0, Atom) and the public page of each published message. */
@Injectable()
export class FeedsService {
  constructor(
    private readonly feeds: FeedRepository,
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
    };
    return { body: format === 'rss' ? renderRss(doc) : renderAtom(doc), lastModified: feedUpdated(items) };
  }

  async messagePage(id: string): Promise<RenderedDocument> {
    const message = await this.feeds.message(id);
    if (!message) throw new NotFoundError('message');
    return { body: renderMessagePage(message, this.config.defaultTimeZone), lastModified: message.updatedAt };
  }
}
