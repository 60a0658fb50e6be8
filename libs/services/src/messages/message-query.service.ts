import { Injectable } from '@nestjs/common';
import { assertIsReviewer, NotFoundError, type Actor } from '#domain/index.js';
import { AuditRepository, type AuditRow } from '#persistence/index.js';
import {
  MessageRepository,
  type MessageFilter,
  type MessageSummary,
  type MessageView,
  type Paged,
  type VersionSummary,
  type VersionView,
} from '#persistence/repositories/message.repository.js';

export interface PageWindow {
  limit: number;
  offset: number;
}

/** Reads of messages, their history and their audit trail, all within the caller's subtree. */
@Injectable()
export class MessageQueryService {
  constructor(
    private readonly messages: MessageRepository,
    private readonly audit: AuditRepository,
  ) {}

  async get(actor: Actor, messageId: string): Promise<MessageView> {
    const message = await this.messages.findInScope(actor, messageId);
    if (!message) throw new NotFoundError('message');
    return message;
  }

  list(actor: Actor, filter: MessageFilter): Promise<Paged<MessageSummary>> {
    return this.messages.list(actor, filter);
  }

  async versions(actor: Actor, messageId: string): Promise<VersionSummary[]> {
    const versions = await this.messages.versions(actor, messageId);
    if (!versions) throw new NotFoundError('message');
    return versions;
  }

  async version(actor: Actor, messageId: string, versionNo: number): Promise<VersionView> {
    const version = await this.messages.version(actor, messageId, versionNo);
    if (version) return version;
    throw new NotFoundError((await this.messages.isInScope(actor, messageId)) ? 'version' : 'message');
  }

  /** What waits for the caller: messages submitted to the caller's unit that the caller did not write. */
  inbox(actor: Actor, page: PageWindow): Promise<Paged<MessageSummary>> {
    assertIsReviewer(actor);
    return this.messages.inbox(actor, { unitId: actor.unitId, userId: actor.userId }, page);
  }

  /**
   * The workflow trail of one message. Whoever can see the message reads it: the officer who wrote it
   * needs the reviewer's return comment.
   */
  async trail(actor: Actor, messageId: string, page: PageWindow): Promise<Paged<AuditRow>> {
    if (!(await this.messages.isInScope(actor, messageId))) throw new NotFoundError('message');
    return this.audit.list(actor, { entityType: 'message', entityId: messageId, ...page });
  }
}
