import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { InvalidInputError, localDate, NotFoundError, type Actor } from '#domain/index.js';
import { assertActivity } from '#domain/plans/index.js';
import { AuditRepository, TransactionRunner, UnitRepository, type UnitRef } from '#persistence/index.js';
import { AttachmentRepository } from '#persistence/repositories/attachment.repository.js';
import { ActivityRepository, type ActivityFields, type ActivityFilter, type ActivityView } from './activity.repository.js';

/**
 * Conferences, dialogues, contests, training, leaflets and mobile propaganda, recorded by any member
 * of the unit's subtree after they took place, with a photo or the minutes as evidence.
 */
@Injectable()
export class ActivitiesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly activities: ActivityRepository,
    private readonly units: UnitRepository,
    private readonly attachments: AttachmentRepository,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(actor: Actor, filter: ActivityFilter): Promise<{ items: ActivityView[]; total: number }> {
    return this.activities.list(actor, filter);
  }

  async get(actor: Actor, activityId: string): Promise<ActivityView> {
    const found = await this.activities.findInScope(actor, activityId);
    if (!found) throw new NotFoundError('activity');
    const { unitPath: _path, ...activity } = found;
    return activity;
  }

  async create(actor: Actor, unitId: string | undefined, fields: ActivityFields): Promise<ActivityView> {
    const unit = await this.units.findInScope(actor, unitId ?? actor.unitId);
    if (!unit) throw new NotFoundError('unit');
    this.check(unit, fields);
    const id = await this.transactions.run(async (tx) => {
      await this.assertEvidence(unit.path, fields.attachmentIds, tx);
      const created = await this.activities.insert(unit.id, actor.userId, fields, tx);
      await this.audit.append(
        { actorId: actor.userId, unitId: unit.id, unitPath: unit.path, entityType: 'activity', entityId: created, action: 'create', data: { ...fields } },
        tx,
      );
      return created;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, activityId: string, fields: ActivityFields): Promise<ActivityView> {
    const existing = await this.activities.findInScope(actor, activityId);
    if (!existing) throw new NotFoundError('activity');
    const unit = await this.units.findRef(existing.unitId);
    if (!unit) throw new NotFoundError('activity');
    this.check(unit, fields);
    await this.transactions.run(async (tx) => {
      await this.assertEvidence(unit.path, fields.attachmentIds, tx);
      await this.activities.update(activityId, fields, tx);
      await this.audit.append(
        { actorId: actor.userId, unitId: unit.id, unitPath: unit.path, entityType: 'activity', entityId: activityId, action: 'update', data: { ...fields } },
        tx,
      );
    });
    return this.get(actor, activityId);
  }

  async delete(actor: Actor, activityId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const existing = await this.activities.findInScope(actor, activityId, tx);
      if (!existing || !(await this.activities.delete(activityId, tx))) throw new NotFoundError('activity');
      await this.audit.append(
        {
          actorId: actor.userId,
          unitId: existing.unitId,
          unitPath: existing.unitPath,
          entityType: 'activity',
          entityId: activityId,
          action: 'delete',
          data: { kind: existing.kind, title: existing.title, occurredOn: existing.occurredOn },
        },
        tx,
      );
    });
  }

  /** "Today" is the unit's own calendar day: an activity of this evening in Hà Nội is not in the future. */
  private check(unit: UnitRef, fields: ActivityFields): void {
    assertActivity(fields, localDate(new Date(), unit.timeZone ?? this.config.defaultTimeZone));
  }

  /** Evidence must be a file the activity's readers can open: uploaded for the activity's unit or below. */
  private async assertEvidence(unitPath: string, attachmentIds: readonly string[], tx: EntityManager): Promise<void> {
    const found = await this.attachments.existingIn(unitPath, attachmentIds, tx);
    const problems = attachmentIds
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !found.has(id))
      .map(({ i }) => ({ field: `attachmentIds.${i}`, rule: 'exists', message: 'không có tệp này trong phạm vi đơn vị của hoạt động' }));
    if (problems.length) throw new InvalidInputError(problems);
  }
}
