import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InvalidInputError, NotFoundError, type Actor, type FieldProblem, type Priority } from '#domain/index.js';
import { AuditRepository, TransactionRunner, UnitRepository, type MessageState, type VersionContent } from '#persistence/index.js';
import { isUniqueViolation } from '#persistence/pg-errors.js';
import { MessageRepository, type MessageContent } from '#persistence/repositories/message.repository.js';
import type { BroadcastRequest } from '#engine/broadcasts/broadcast-request.js';
import { BroadcastValidator } from '#engine/broadcasts/broadcast-validator.js';
import { BroadcastsService, type WrittenBroadcast } from '#engine/broadcasts/broadcasts.service.js';
import type { CallingSystemInfo } from './signed-request-verifier.js';
import { SystemPushRepository, type SystemPushView } from './system-push.repository.js';

/** What an upper-level system pushes: a bulletin for the loudspeakers of its communes. */
export interface SystemPushInput {
  title: string;
  text: string;
  priority: Priority;
  /** Communes (or districts) under the system's unit; default: all of them. */
  communeIds?: string[];
  /** Hours the communes have to place a normal bulletin (default: the province's setting). */
  placeWithinHours?: number;
  /** The system's own id for the bulletin: pushing the same reference again answers the first push. */
  reference?: string;
}

const CONTENT_GROUP = 'local-responsibility';
/** A push whose audio is still not ready after this long is given up. */
const PREPARING_LIMIT_MS = 60 * 60_000;

/**
 * Bulletins pushed by upper-level systems become broadcasts of the system's unit, authored and
 * approved by the system's own account (the province registered the system, which is its approval).
 * Normal and priority bulletins wait for their loudspeaker audio (rendered by the worker) and are then
 * written; emergencies go out at once from a trusted system, and wait for a supervisor's approval
 * otherwise. Everything is written before anything is enqueued; a reference makes a repeat harmless.
 */
@Injectable()
export class SystemPushesService {
  private readonly logger = new Logger(SystemPushesService.name);

  constructor(
    private readonly pushes: SystemPushRepository,
    private readonly messages: MessageRepository,
    private readonly validator: BroadcastValidator,
    private readonly broadcasts: BroadcastsService,
    private readonly transactions: TransactionRunner,
    private readonly units: UnitRepository,
    private readonly audit: AuditRepository,
  ) {}

  async push(system: CallingSystemInfo, input: SystemPushInput): Promise<{ push: SystemPushView; repeated: boolean }> {
    if (input.reference) {
      const earlier = await this.pushes.findByReference(system.id, input.reference);
      if (earlier) return { push: earlier, repeated: true };
    }
    const actor = system.actor;
    const owner = await this.units.findRef(system.unitId);
    if (!owner) throw new NotFoundError('unit');
    const unitIds = input.communeIds?.length ? [...new Set(input.communeIds)] : [owner.id];
    const { problems } = await this.validator.resolveTargets(actor, { unitIds, villageIds: [], tags: [] });
    if (problems.length) throw new InvalidInputError(problems.map(renameField));
    const content: MessageContent = {
      title: input.title,
      body: input.text,
      contentGroup: CONTENT_GROUP,
      reformAreas: [],
      indices: [],
      audiences: ['citizens'],
      priority: input.priority,
      renditions: { loudspeaker: input.text },
      attachmentIds: [],
    };
    const request: BroadcastRequest = {
      messageId: '',
      channels: ['loudspeaker'],
      targets: { unitIds, villageIds: [], tags: [] },
      schedule: { kind: 'once', at: new Date().toISOString() },
      smsWithoutDiacritics: false,
    };
    const emergency = input.priority === 'emergency';
    // An emergency from a trusted system goes out now: checked in full before anything is written.
    const checked = emergency && system.trusted ? await this.checkEmergency(actor, owner, content, request) : null;
    const status = emergency ? (system.trusted ? 'scheduled' : 'awaiting-approval') : 'preparing';
    let stored: { id: string; written: WrittenBroadcast | null };
    try {
      stored = await this.transactions.run(async (m) => {
        const messageId = await this.messages.insert({ unitId: owner.id, authorId: actor.userId, content }, m);
        const message = { id: messageId, unitId: owner.id, unitPath: owner.path };
        await this.recordMessage(m, actor, message, 'create', { from: null, to: 'draft', systemId: system.id });
        await this.messages.markSubmitted(messageId, owner.id, m);
        await this.recordMessage(m, actor, message, 'submit', { from: 'draft', to: 'submitted', systemId: system.id });
        let written: WrittenBroadcast | null = null;
        if (status !== 'awaiting-approval') {
          await this.messages.markApproved(messageId, actor.userId, 1, m);
          await this.recordMessage(m, actor, message, 'approve', { from: 'submitted', to: 'approved', systemId: system.id, authorisation: 'upper-system' });
        }
        if (checked) written = await this.broadcasts.write(m, actor, { ...request, messageId }, { ...checked, message: { ...checked.message, id: messageId } });
        const pushRequest = { ...request, messageId };
        const id = await this.pushes.insert(m, { systemId: system.id, reference: input.reference ?? null, messageId, broadcastId: written?.id ?? null, status, request: pushRequest, deadlineHours: input.placeWithinHours ?? null });
        return { id, written };
      });
    } catch (error) {
      // The same reference pushed twice at once: the second finds the first.
      const earlier = input.reference && isUniqueViolation(error, 'uq_system_push_reference') ? await this.pushes.findByReference(system.id, input.reference) : null;
      if (earlier) return { push: earlier, repeated: true };
      throw error;
    }
    const { id, written } = stored;
    if (written) await this.broadcasts.start(written);
    if (status === 'preparing') await this.promote(id).catch((err) => this.logger.warn({ err, pushId: id }, 'push promotion deferred'));
    return { push: (await this.pushes.find(id)) as SystemPushView, repeated: false };
  }

  /** A push of this system, or null. */
  async find(system: CallingSystemInfo, id: string): Promise<SystemPushView | null> {
    const push = await this.pushes.find(id);
    return push && push.systemId === system.id ? push : null;
  }

  /** Pushes whose audio is ready become broadcasts (the worker's minute cron); answers how many. */
  async promotePreparing(limit = 100): Promise<number> {
    let promoted = 0;
    for (const id of await this.pushes.preparingIds(limit)) if (await this.promote(id)) promoted += 1;
    return promoted;
  }

  /**
   * Writes the push's broadcast once its audio is ready (asking the worker for it meanwhile). The
   * row is locked and its status re-read, so two callers write one broadcast.
   */
  async promote(id: string): Promise<boolean> {
    const written = await this.transactions.run(async (m) => {
      const push = await this.pushes.lockPreparing(m, id);
      if (!push) return null;
      const actor: Actor = { userId: push.userId, role: 'supervisor', unitId: push.unitId, unitPath: push.unitPath };
      try {
        const validated = await this.validator.validate(actor, push.request);
        const written = await this.broadcasts.write(m, actor, push.request, validated);
        await this.pushes.markScheduled(m, id, written.id);
        return written;
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        const waiting = error.details.every((d) => d.rule === 'audio-ready');
        if (waiting && Date.now() - new Date(push.createdAt).getTime() < PREPARING_LIMIT_MS) return null;
        await this.pushes.markFailed(m, id, error.message);
        return null;
      }
    });
    if (!written) return false;
    await this.broadcasts.start(written);
    return true;
  }

  private async checkEmergency(actor: Actor, owner: { id: string; path: string }, content: MessageContent, request: BroadcastRequest) {
    const message: MessageState = { id: randomUUID(), unitId: owner.id, unitPath: owner.path, status: 'approved', currentVersion: 1, approvedVersion: 1 };
    const version: VersionContent = { versionNo: 1, title: content.title, body: content.body, contentGroup: content.contentGroup, priority: 'emergency', renditions: content.renditions, attachmentIds: [] };
    try {
      return await this.validator.validateContent(actor, { ...request, messageId: message.id }, message, version);
    } catch (error) {
      if (error instanceof InvalidInputError) throw new InvalidInputError(error.details.map(renameField));
      throw error;
    }
  }

  private async recordMessage(m: EntityManager, actor: Actor, message: { id: string; unitId: string; unitPath: string }, action: string, data: Record<string, unknown>): Promise<void> {
    await this.audit.append({ actorId: actor.userId, unitId: message.unitId, unitPath: message.unitPath, entityType: 'message', entityId: message.id, action, versionNo: 1, data }, m);
  }
}

function renameField(problem: FieldProblem): FieldProblem {
  return { ...problem, field: problem.field.replace(/^targets\.unitIds/, 'communeIds').replace(/^channels\[0\]$/, 'text') };
}
