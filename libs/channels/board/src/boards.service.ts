import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import {
  assertCanAuthor,
  InvalidInputError,
  isOnline,
  isWithin,
  issueDeviceToken,
  NotFoundError,
  type Actor,
  type FieldProblem,
} from '#domain/index.js';
import { AuditRepository, BroadcastRepository, TransactionRunner, UnitRepository, type UnitRef } from '#persistence/index.js';
import { BoardRepository, type BoardRecord } from './board.repository.js';
import { BoardEventsPublisher } from './board-events.js';
import { noticeAfterCommit } from '#engine/devices/device-events.js';

export interface BoardView extends Omit<BoardRecord, 'unitPath' | 'unitTimeZone'> {
  online: boolean;
  /** The kiosk page of the board; it holds the token, so it is given only with a fresh token. */
  kioskUrl?: string;
}

/** A board with the token just issued: the only time the token is shown. */
export interface BoardWithToken extends BoardView {
  token: string;
  kioskUrl: string;
}

export interface NewBoardInput {
  /** Default: the caller's own unit. */
  unitId?: string;
  villageId?: string;
  name: string;
  location?: string;
}

export interface BoardPatch {
  name?: string;
  location?: string | null;
  villageId?: string | null;
}

const NAME_MAX = 200;

/**
 * Bulletin boards of the caller's subtree: staff of the subtree register, rename, move, re-key and
 * remove them; every change is audited in its transaction. A board outside the subtree answers 404.
 */
@Injectable()
export class BoardsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly boards: BoardRepository,
    private readonly broadcasts: BroadcastRepository,
    private readonly units: UnitRepository,
    private readonly audit: AuditRepository,
    private readonly events: BoardEventsPublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, input: NewBoardInput): Promise<BoardWithToken> {
    const name = input.name.trim();
    const location = input.location?.trim() || null;
    this.assertFields({ name, location });
    const unit = await this.units.findInScope(actor, input.unitId ?? actor.unitId);
    if (!unit) throw new InvalidInputError([{ field: 'unitId', rule: 'in-scope', message: 'Đơn vị không tồn tại hoặc ngoài phạm vi của bạn' }]);
    const villageId = input.villageId === undefined ? null : await this.villageUnder(actor, unit, input.villageId);
    const { token, hash } = issueDeviceToken('board');
    const board = await this.transactions.run(async (tx) => {
      const id = await this.boards.insert({ unitId: unit.id, villageId, name, location, tokenHash: hash, createdBy: actor.userId }, tx);
      await this.record(actor, unit, id, 'create', { name, location, villageId }, tx);
      return this.mustFind(actor, id, tx);
    });
    return { ...this.view(board), token, kioskUrl: this.kioskUrl(token) };
  }

  async list(actor: Actor, filter: { unitId?: string; limit: number; offset: number }): Promise<{ items: BoardView[]; total: number }> {
    const page = await this.boards.list(actor, filter);
    return { items: page.items.map((b) => this.view(b)), total: page.total };
  }

  async get(actor: Actor, id: string): Promise<BoardView> {
    return this.view(await this.mustFind(actor, id));
  }

  async update(actor: Actor, id: string, patch: BoardPatch): Promise<BoardView> {
    const board = await this.mustFind(actor, id);
    const name = patch.name?.trim();
    const location = patch.location === undefined ? undefined : patch.location?.trim() || null;
    this.assertFields({ name, location });
    const unit = { id: board.unitId, path: board.unitPath };
    const villageId = patch.villageId == null ? patch.villageId : await this.villageUnder(actor, unit, patch.villageId);
    const updated = await this.transactions.run(async (tx) => {
      await this.boards.update(id, { name, location, villageId }, tx);
      await this.record(actor, unit, id, 'update', { name, location, villageId }, tx);
      return this.view(await this.mustFind(actor, id, tx));
    });
    await noticeAfterCommit({ boardId: id, change: 'update' }, () => this.events.identityChanged(id));
    return updated;
  }

  /** A new token replaces the old one at once: a stolen or leaked token stops working. */
  async rotateToken(actor: Actor, id: string): Promise<BoardWithToken> {
    const board = await this.mustFind(actor, id);
    const { token, hash } = issueDeviceToken('board');
    const updated = await this.transactions.run(async (tx) => {
      await this.boards.replaceToken(id, hash, tx);
      await this.record(actor, { id: board.unitId, path: board.unitPath }, id, 'rotate-token', {}, tx);
      return this.mustFind(actor, id, tx);
    });
    await noticeAfterCommit({ boardId: id, change: 'rotate-token' }, () => this.events.identityChanged(id));
    return { ...this.view(updated), token, kioskUrl: this.kioskUrl(token) };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const board = await this.mustFind(actor, id);
    await this.transactions.run(async (tx) => {
      await this.boards.delete(id, tx);
      await this.record(actor, { id: board.unitId, path: board.unitPath }, id, 'delete', { name: board.name }, tx);
    });
    await noticeAfterCommit({ boardId: id, change: 'delete' }, () => this.events.identityChanged(id));
  }

  /**
   * Takes a broadcast's slides off every board now. Cancelling does the same while the broadcast
   * runs; this also works once it has completed (a slide stays up for days after it was "sent").
   */
  async withdrawSlides(actor: Actor, broadcastId: string): Promise<{ withdrawn: number }> {
    assertCanAuthor(actor);
    const broadcast = await this.broadcasts.findInScope(actor, broadcastId);
    if (!broadcast) throw new NotFoundError('broadcast');
    const boardIds = await this.transactions.run(async (tx) => {
      const shownOn = await this.boards.withdrawSlides(broadcastId, tx);
      await this.audit.append(
        {
          actorId: actor.userId,
          unitId: broadcast.unitId,
          unitPath: broadcast.unitPath,
          entityType: 'broadcast',
          entityId: broadcastId,
          action: 'withdraw-board-slides',
          data: { withdrawn: shownOn.length },
        },
        tx,
      );
      return shownOn;
    });
    await noticeAfterCommit({ broadcastId, change: 'withdraw-slides' }, () => this.events.publish('slides', [...new Set(boardIds)]));
    return { withdrawn: boardIds.length };
  }

  private view(board: BoardRecord): BoardView {
    const { unitPath: _path, unitTimeZone: _zone, ...rest } = board;
    return { ...rest, online: isOnline(board.lastSeenAt, new Date(), this.config.boardOfflineAfterSeconds) };
  }

  private kioskUrl(token: string): string {
    return `${this.config.publicBaseUrl}/boards/${token}`;
  }

  private assertFields(f: { name?: string; location?: string | null }): void {
    const problems: FieldProblem[] = [];
    if (f.name !== undefined && (f.name.length === 0 || f.name.length > NAME_MAX)) {
      problems.push({ field: 'name', rule: 'length', message: `Tên bảng tin phải có từ 1 đến ${NAME_MAX} ký tự` });
    }
    if (f.location && f.location.length > 500) problems.push({ field: 'location', rule: 'length', message: 'Vị trí tối đa 500 ký tự' });
    if (problems.length > 0) throw new InvalidInputError(problems);
  }

  private async villageUnder(actor: Actor, unit: Pick<UnitRef, 'path'>, villageId: string): Promise<string> {
    const village = await this.units.findInScope(actor, villageId);
    if (!village || village.level !== 'village' || !isWithin(village.path, unit.path)) {
      throw new InvalidInputError([{ field: 'villageId', rule: 'village-of-unit', message: 'Thôn/tổ dân phố phải thuộc đơn vị của bảng tin' }]);
    }
    return village.id;
  }

  private async mustFind(actor: Actor, id: string, tx?: EntityManager): Promise<BoardRecord> {
    const board = await this.boards.findInScope(actor, id, tx);
    if (!board) throw new NotFoundError('board');
    return board;
  }

  private record(
    actor: Actor,
    unit: Pick<UnitRef, 'id' | 'path'>,
    boardId: string,
    action: string,
    data: Record<string, unknown>,
    tx: EntityManager,
  ): Promise<void> {
    return this.audit.append(
      { actorId: actor.userId, unitId: unit.id, unitPath: unit.path, entityType: 'board', entityId: boardId, action, data },
      tx,
    );
  }
}
