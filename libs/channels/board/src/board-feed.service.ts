import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { deviceTokenKind, hashDeviceToken, NotFoundError, publicMessageUrl, UnauthenticatedError } from '#domain/index.js';
import { BoardRepository, type BoardRecord, type LiveSlideRow } from './board.repository.js';
import { FILE_STORE, type FileStore } from '#services/attachments/file-store.js';
import { contentVersion, qrTarget } from './board-slides.js';

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
  /** Changes whenever the slides change; report it back in the heartbeat once shown. Also the ETag. */
  version: string;
  generatedAt: Date;
  /** Emergency first (shown as an overlay at once), then priority, then newest. */
  slides: BoardSlide[];
}

export type TokenFailure = 'not-found' | 'unauthenticated';

/** A board whose token was checked; the token is kept because the slides' image URLs carry it. */
export type AuthenticatedBoard = BoardRecord & { token: string };

/**
 * What a board (or a third-party signage player) reads and reports with its own token: its slides,
 * their images, and its heartbeat. A token reads its own board's content and nothing else.
 */
@Injectable()
export class BoardFeedService {
  constructor(
    private readonly boards: BoardRepository,
    @Inject(FILE_STORE) private readonly files: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The board holding the token (DeviceTokenGuard); an unknown token is a 404 or a 401 as `failure` says. */
  async authenticate(token: string | undefined, failure: TokenFailure): Promise<AuthenticatedBoard> {
    const board = token && deviceTokenKind(token) === 'board' ? await this.boards.findByTokenHash(hashDeviceToken(token)) : null;
    if (board && token) return { ...board, token };
    if (failure === 'unauthenticated') throw new UnauthenticatedError('board.token', 'Mã thiết bị bảng tin không hợp lệ');
    throw new NotFoundError('board');
  }

  async feed(board: AuthenticatedBoard): Promise<BoardFeed> {
    return this.build(board, board.token, await this.boards.liveSlides(board.id));
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
