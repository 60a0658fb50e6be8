import type { Readable } from 'node:stream';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import QRCode from 'qrcode';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { deviceTokenKind, hashDeviceToken, NotFoundError, publicMessageUrl, UnauthenticatedError } from '#domain/index.js';
import { BoardRepository, type BoardRecord, type LiveSlideRow } from './board.repository.js';
import { FILE_STORE, type FileStore } from '#services/attachments/file-store.js';
import { contentVersion, qrTarget } from './board-slides.js';
import { DEVICE_ETAG_MAX_AGE_MS, deviceEtag, freshEtag } from '#engine/devices/device-etag.js';
import { DeviceIdentityCache } from '#engine/devices/device-identity-cache.js';
import { DeviceVersions } from '#engine/devices/device-versions.js';

export interface BoardSlide {
  id: string;
  broadcastId: string;
  messageId: string;
  priority: 'normal' | 'priority' | 'emergency';
  title: string;
  body: string;
  /** Absolute URL of the slide's image, readable with the board's token only; null without an image. */
  imageUrl: string | null;
  /** Where the QR code points: a .gov.vn public service named in the text, else the message's public page. */
  qrUrl: string;
  /** The QR code of qrUrl as inline SVG, so a player needs no QR library. */
  qrSvg: string;
  startsAt: Date;
  expiresAt: Date;
}

export interface BoardFeed {
  /** timeZone: the board's local time (for its clock), an IANA name. */
  board: { id: string; name: string; location: string | null; unitName: string; timeZone: string };
  /** Changes whenever the slides change; report it back in the heartbeat once shown. */
  version: string;
  generatedAt: Date;
  /** Emergency first (shown as an overlay at once), then priority, then newest. */
  slides: BoardSlide[];
}

export type TokenFailure = 'not-found' | 'unauthenticated';

/** A board whose token was checked; the token is kept because the slides' image URLs carry it. */
export type AuthenticatedBoard = BoardRecord & { token: string };

/** A conditional read's answer: 304 (the board's tag is still good) or the feed with its new tag. */
export type ConditionalFeed = { notModified: true; etag: string } | { notModified: false; body: BoardFeed; etag: string };

/**
 * What a board (or a third-party signage player) reads and reports with its own token: its slides,
 * their images, and its heartbeat. A token reads its own board's content and nothing else. A read
 * whose If-None-Match is still current needs no Postgres (docs/devices.md "Conditional pulls").
 */
@Injectable()
export class BoardFeedService implements OnApplicationShutdown {
  private readonly identities: DeviceIdentityCache<BoardRecord>;

  constructor(
    private readonly boards: BoardRepository,
    private readonly versions: DeviceVersions,
    @Inject(FILE_STORE) private readonly files: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.identities = new DeviceIdentityCache(config, 'board');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.identities.close();
  }

  /** The board holding the token (DeviceTokenGuard); an unknown token is a 404 or a 401 as `failure` says. */
  async authenticate(token: string | undefined, failure: TokenFailure): Promise<AuthenticatedBoard> {
    const hash = token && deviceTokenKind(token) === 'board' ? hashDeviceToken(token) : null;
    const board = hash ? await this.identities.get(hash, () => this.boards.findByTokenHash(hash)) : null;
    if (board && token) return { ...board, token };
    if (failure === 'unauthenticated') throw new UnauthenticatedError('board.token', 'Mã thiết bị bảng tin không hợp lệ');
    throw new NotFoundError('board');
  }

  async feed(board: AuthenticatedBoard): Promise<BoardFeed> {
    return this.build(board, board.token, await this.boards.liveSlides(board.id));
  }

  /**
   * The feed unless If-None-Match still names it: the tag covers the board's version, its token (the
   * image URLs carry it), what the feed shows of the board, and the moment the first slide expires or
   * the next one starts.
   */
  async conditionalFeed(board: AuthenticatedBoard, ifNoneMatch: string | string[] | undefined): Promise<ConditionalFeed> {
    const version = await this.versions.current('board', board.id);
    const basis = [
      'board', board.id, hashDeviceToken(board.token), version, this.config.publicBaseUrl,
      board.name, board.location ?? '', board.unitName, board.unitTimeZone ?? this.config.defaultTimeZone,
    ];
    const now = Date.now();
    const fresh = freshEtag(ifNoneMatch, basis, now);
    if (fresh) return { notModified: true, etag: fresh };
    const [rows, nextStart] = await Promise.all([this.boards.liveSlides(board.id), this.boards.nextSlideStart(board.id)]);
    const validUntil = Math.min(now + DEVICE_ETAG_MAX_AGE_MS, nextStart?.getTime() ?? Infinity, ...rows.map((r) => r.expiresAt.getTime()));
    return { notModified: false, body: await this.build(board, board.token, rows), etag: deviceEtag(basis, validUntil) };
  }

  /**
   * Records that the board is alive. When it reports the current version, every slide of that
   * version has been shown: their deliveries become 'delivered'.
   */
  async heartbeat(board: AuthenticatedBoard, shownVersion: string | null): Promise<{ version: string; delivered: number }> {
    await this.boards.recordHeartbeat(board.id, shownVersion);
    const slides = await this.boards.liveSlides(board.id);
    const version = contentVersion(slides);
    const delivered = shownVersion === version ? await this.boards.markShown(board.id, slides.map((s) => s.deliveryId)) : 0;
    return { version, delivered };
  }

  async image(board: AuthenticatedBoard, attachmentId: string): Promise<{ content: Readable; contentType: string; sizeBytes: number }> {
    const image = await this.boards.slideImage(board.id, attachmentId);
    if (!image) throw new NotFoundError('attachment');
    return { content: await this.files.open(image.storageKey), contentType: image.contentType, sizeBytes: image.sizeBytes };
  }

  private async build(board: BoardRecord, token: string, rows: LiveSlideRow[]): Promise<BoardFeed> {
    const base = this.config.publicBaseUrl;
    const slides = await Promise.all(
      rows.map(async (s): Promise<BoardSlide> => {
        const qrUrl = qrTarget(s.body, publicMessageUrl(base, s.messageId));
        return {
          id: s.id,
          broadcastId: s.broadcastId,
          messageId: s.messageId,
          priority: s.priority,
          title: s.title,
          body: s.body,
          imageUrl: s.imageId ? `${base}/boards/${encodeURIComponent(token)}/images/${s.imageId}` : null,
          qrUrl,
          qrSvg: await QRCode.toString(qrUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
          startsAt: s.startsAt,
          expiresAt: s.expiresAt,
        };
      }),
    );
    return {
      board: {
        id: board.id,
        name: board.name,
        location: board.location,
        unitName: board.unitName,
        timeZone: board.unitTimeZone ?? this.config.defaultTimeZone,
      },
      version: contentVersion(rows),
      generatedAt: new Date(),
      slides,
    };
  }
}
