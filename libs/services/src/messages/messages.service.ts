import { Injectable, Logger, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  assertCanAuthor,
  assertCanReview,
  assertIsReviewer,
  assertNamesCurrentVersion,
  ConflictError,
  INITIAL_STATUS,
  InvalidInputError,
  nextStatus,
  NotFoundError,
  requireApprovalUnit,
  type Actor,
  type MessageStatus,
  type WorkflowAction,
} from '#domain/index.js';
import { AuditRepository, TransactionRunner, UnitRepository } from '#persistence/index.js';
import { AttachmentRepository } from '#persistence/repositories/attachment.repository.js';
import { MessageRepository, type LockedMessage, type MessageContent, type MessageView } from '#persistence/repositories/message.repository.js';
import { JOBS, JobQueue } from '#queue/index.js';

interface Transition {
  action: WorkflowAction;
  from: MessageStatus | null;
  to: MessageStatus;
  versionNo: number;
  comment?: string | null;
  data?: Record<string, unknown>;
}

/**
 * The approval workflow. Each step is one transaction: lock the message, decide with the domain
 * rules, write, and append the audit row, so a step and its record commit or fail together and two
 * people acting on the same message at once are serialised.
 */
@Injectable()
export class MessagesService {
  private readonly logger = new Logger(MessagesService.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly messages: MessageRepository,
    private readonly attachments: AttachmentRepository,
    private readonly units: UnitRepository,
    private readonly audit: AuditRepository,
    /** Absent in the CLI (demo seeding), where no worker listens. */
    @Optional() private readonly jobs?: JobQueue,
  ) {}

  async create(actor: Actor, unitId: string | undefined, content: MessageContent): Promise<MessageView> {
    assertCanAuthor(actor);
    return this.transactions.run(async (tx) => {
      const unit = await this.units.findInScope(actor, unitId ?? actor.unitId, tx);
      if (!unit) throw new NotFoundError('unit');
      await this.assertAttachmentsUnder(unit.path, content.attachmentIds, tx);
      const id = await this.messages.insert({ unitId: unit.id, authorId: actor.userId, content }, tx);
      await this.record(actor, { id, unitId: unit.id, unitPath: unit.path }, { action: 'create', from: null, to: INITIAL_STATUS, versionNo: 1 }, tx);
      return this.view(actor, id, tx);
    });
  }

  async edit(actor: Actor, messageId: string, baseVersion: number, content: MessageContent): Promise<MessageView> {
    const view = await this.transactions.run(async (tx) => {
      const message = await this.lock(actor, messageId, tx);
      assertCanAuthor(actor);
      assertNamesCurrentVersion(message.currentVersion, baseVersion, 'edit');
      const to = nextStatus(message.status, 'edit');
      await this.assertAttachmentsUnder(message.unitPath, content.attachmentIds, tx);
      const versionNo = message.currentVersion + 1;
      await this.messages.insertVersion(message.id, versionNo, actor.userId, content, tx);
      await this.messages.markEdited(message.id, versionNo, tx);
      await this.record(actor, message, { action: 'edit', from: message.status, to, versionNo }, tx);
      return this.view(actor, message.id, tx);
    });
    await this.approvalChanged(messageId, `${baseVersion + 1}-edit`);
    return view;
  }

  /** Sends the current version to the nearest unit above (or at) the message's unit with a supervisor other than its author. */
  async submit(actor: Actor, messageId: string, version: number): Promise<MessageView> {
    return this.transactions.run(async (tx) => {
      const message = await this.lock(actor, messageId, tx);
      assertCanAuthor(actor);
      const to = nextStatus(message.status, 'submit');
      assertNamesCurrentVersion(message.currentVersion, version, 'submit');
      const approvalUnitId = requireApprovalUnit(await this.messages.approvalChain(message.unitPath, tx), message.currentAuthorId);
      await this.messages.markSubmitted(message.id, approvalUnitId, tx);
      await this.record(actor, message, { action: 'submit', from: message.status, to, versionNo: version, data: { approvalUnitId } }, tx);
      return this.view(actor, message.id, tx);
    });
  }

  async approve(actor: Actor, messageId: string, version: number, comment: string | undefined): Promise<MessageView> {
    const view = await this.review(actor, messageId, version, 'approve', comment ?? null);
    await this.approvalChanged(messageId, `${version}-approve`);
    return view;
  }

  async return(actor: Actor, messageId: string, version: number, comment: string): Promise<MessageView> {
    return this.review(actor, messageId, version, 'return', comment);
  }

  /**
   * Scope first (outside the subtree the message does not exist, whatever the caller's role), then
   * role (an officer is told they cannot review at all), state and version, then who may review this one.
   */
  private async review(actor: Actor, messageId: string, version: number, action: 'approve' | 'return', comment: string | null): Promise<MessageView> {
    return this.transactions.run(async (tx) => {
      const message = await this.lock(actor, messageId, tx);
      assertIsReviewer(actor);
      const to = nextStatus(message.status, action);
      assertNamesCurrentVersion(message.currentVersion, version, action);
      assertCanReview(actor, message.approvalUnitId, message.currentAuthorId);
      // An emergency waiting for its second supervisor is confirmed with a password, which also sends it.
      if (await this.messages.awaitsEmergencyConfirmation(message.id, tx)) {
        throw new ConflictError('message.emergency-awaiting-confirmation', 'Tin khẩn cấp này được xác nhận tại mục Phát khẩn cấp, bằng mật khẩu của lãnh đạo thứ hai');
      }
      if (action === 'approve') await this.messages.markApproved(message.id, actor.userId, version, tx);
      else await this.messages.markReturned(message.id, tx);
      await this.record(actor, message, { action, from: message.status, to, versionNo: version, comment }, tx);
      return this.view(actor, message.id, tx);
    });
  }

  /**
   * After commit: Facebook posts already handed over for this message are reviewed at once (an edit
   * withdraws them, an approval hands the new version over). The step has happened; if the queue is
   * unreachable the worker's minute cron does the same review.
   */
  private async approvalChanged(messageId: string, step: string): Promise<void> {
    try {
      await this.jobs?.add(JOBS.reviewSocialSchedule, { payload: { trigger: `message-${messageId}-${step}` } });
    } catch (err) {
      this.logger.warn({ err, messageId }, 'could not queue the review of scheduled facebook posts; the minute cron will do it');
    }
  }

  private async lock(actor: Actor, messageId: string, tx: EntityManager): Promise<LockedMessage> {
    const message = await this.messages.lockInScope(actor, messageId, tx);
    if (!message) throw new NotFoundError('message');
    return message;
  }

  /** Attachments must be visible to everyone who sees the message: uploaded for its unit or a unit below. */
  private async assertAttachmentsUnder(unitPath: string, attachmentIds: readonly string[], tx: EntityManager): Promise<void> {
    const found = await this.attachments.existingIn(unitPath, attachmentIds, tx);
    const missing = attachmentIds.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new InvalidInputError([
        {
          field: 'attachmentIds',
          rule: 'exists',
          message: `không tìm thấy tệp đính kèm ${missing.join(', ')} trong đơn vị của tin bài (tải tệp lên cho đơn vị này trước)`,
        },
      ]);
    }
  }

  private async record(
    actor: Actor,
    message: Pick<LockedMessage, 'id' | 'unitId' | 'unitPath'>,
    step: Transition,
    tx: EntityManager,
  ): Promise<void> {
    await this.audit.append(
      {
        actorId: actor.userId,
        unitId: message.unitId,
        unitPath: message.unitPath,
        entityType: 'message',
        entityId: message.id,
        action: step.action,
        versionNo: step.versionNo,
        comment: step.comment ?? null,
        data: { from: step.from, to: step.to, ...step.data },
      },
      tx,
    );
  }

  private async view(actor: Actor, messageId: string, tx: EntityManager): Promise<MessageView> {
    const view = await this.messages.findInScope(actor, messageId, tx);
    if (!view) throw new NotFoundError('message');
    return view;
  }
}
