import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InvalidInputError, NotFoundError, type Actor, type UnitLevel } from '#domain/index.js';
import {
  assertCanManagePlans,
  assertLevelBelow,
  assertOverrideValue,
  assertTarget,
  assertTargets,
  isCalendarDate,
  periodOf,
  type TargetInput,
} from '#domain/plans/index.js';
import { AuditRepository, TransactionRunner, UnitRepository } from '#persistence/index.js';
import { AttachmentRepository } from '#persistence/repositories/attachment.repository.js';
import {
  PlanRepository,
  type NewTarget,
  type PlanDecision,
  type PlanFields,
  type PlanFilter,
  type PlanRef,
  type PlanView,
  type TargetView,
} from './plan.repository.js';

export interface PlanInput {
  title: string;
  year?: number;
  from?: string;
  to?: string;
  decision?: Partial<PlanDecision>;
}

export interface PlanDetail extends PlanView {
  targets: TargetView[];
}

/** Plans, their targets and per-unit overrides: checked whole before anything is written, audited in the same transaction. */
@Injectable()
export class PlansService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly plans: PlanRepository,
    private readonly units: UnitRepository,
    private readonly attachments: AttachmentRepository,
    private readonly audit: AuditRepository,
  ) {}

  list(actor: Actor, filter: PlanFilter): Promise<{ items: PlanView[]; total: number }> {
    return this.plans.list(actor, filter);
  }

  async get(actor: Actor, planId: string): Promise<PlanDetail> {
    const plan = await this.plans.findVisible(actor, planId);
    if (!plan) throw new NotFoundError('plan');
    return this.detail(plan);
  }

  async create(actor: Actor, unitId: string | undefined, input: PlanInput, targets: readonly TargetInput[]): Promise<PlanDetail> {
    assertCanManagePlans(actor);
    const fields = planFields(input);
    assertTargets(targets);
    const unit = await this.units.findInScope(actor, unitId ?? actor.unitId);
    if (!unit) throw new NotFoundError('unit');
    targets.forEach((t, i) => assertLevelBelow(unit.level, t.unitLevel as UnitLevel, `targets.${i}.unitLevel`));
    const planId = await this.transactions.run(async (tx) => {
      await this.assertDecisionFile(unit.path, fields.decision.attachmentId, tx);
      const id = await this.plans.insert(unit.id, actor.userId, fields, tx);
      await this.plans.insertTargets(id, targets.map(newTarget), tx);
      await this.audit.append(
        { actorId: actor.userId, unitId: unit.id, unitPath: unit.path, entityType: 'plan', entityId: id, action: 'create', data: { ...fields, targets } },
        tx,
      );
      return id;
    });
    return this.get(actor, planId);
  }

  async update(actor: Actor, planId: string, input: PlanInput): Promise<PlanDetail> {
    assertCanManagePlans(actor);
    const fields = planFields(input);
    await this.change(actor, planId, async (plan, tx) => {
      await this.assertDecisionFile(plan.unitPath, fields.decision.attachmentId, tx);
      await this.plans.update(planId, fields, tx);
      return { entityType: 'plan', entityId: planId, action: 'update', data: { ...fields } };
    });
    return this.get(actor, planId);
  }

  async delete(actor: Actor, planId: string): Promise<void> {
    assertCanManagePlans(actor);
    await this.change(actor, planId, async (plan, tx) => {
      await this.plans.delete(planId, tx);
      return { entityType: 'plan', entityId: planId, action: 'delete', data: { title: plan.title, periodFrom: plan.periodFrom, periodTo: plan.periodTo } };
    });
  }

  async addTarget(actor: Actor, planId: string, target: TargetInput): Promise<PlanDetail> {
    assertCanManagePlans(actor);
    assertTarget(target);
    await this.change(actor, planId, async (plan, tx) => {
      assertLevelBelow(plan.unitLevel as UnitLevel, target.unitLevel as UnitLevel);
      const [id] = await this.plans.insertTargets(planId, [newTarget(target)], tx);
      return { entityType: 'plan-target', entityId: id, action: 'create', data: { planId, ...newTarget(target) } };
    });
    return this.get(actor, planId);
  }

  async updateTarget(actor: Actor, planId: string, targetId: string, target: TargetInput): Promise<PlanDetail> {
    assertCanManagePlans(actor);
    assertTarget(target);
    await this.change(actor, planId, async (plan, tx) => {
      assertLevelBelow(plan.unitLevel as UnitLevel, target.unitLevel as UnitLevel);
      if (!(await this.plans.updateTarget(planId, targetId, newTarget(target), tx))) throw new NotFoundError('plan-target');
      await this.plans.dropOverridesNotAt(targetId, target.unitLevel, tx);
      return { entityType: 'plan-target', entityId: targetId, action: 'update', data: { planId, ...newTarget(target) } };
    });
    return this.get(actor, planId);
  }

  async deleteTarget(actor: Actor, planId: string, targetId: string): Promise<PlanDetail> {
    assertCanManagePlans(actor);
    await this.change(actor, planId, async (_plan, tx) => {
      if (!(await this.plans.deleteTarget(planId, targetId, tx))) throw new NotFoundError('plan-target');
      return { entityType: 'plan-target', entityId: targetId, action: 'delete', data: { planId } };
    });
    return this.get(actor, planId);
  }

  /** A unit's own figure: the unit must be of the target's level and in the plan unit's subtree. */
  async setOverride(actor: Actor, planId: string, targetId: string, unitId: string, value: number): Promise<PlanDetail> {
    assertCanManagePlans(actor);
    await this.change(actor, planId, async (plan, tx) => {
      const target = (await this.plans.targets(planId, tx)).find((t) => t.id === targetId);
      if (!target) throw new NotFoundError('plan-target');
      assertOverrideValue(value, target.metric);
      const unit = await this.units.findInScope({ unitPath: plan.unitPath }, unitId, tx);
      if (!unit) throw new NotFoundError('unit');
      if (unit.level !== target.unitLevel) {
        throw new InvalidInputError([{ field: 'unitId', rule: 'targetLevel', message: `chỉ tiêu này áp dụng cho đơn vị cấp ${target.unitLevel}` }]);
      }
      await this.plans.upsertOverride(planId, targetId, unitId, value, tx);
      return { entityType: 'plan-target-override', entityId: targetId, action: 'update', data: { planId, unitId, value } };
    });
    return this.get(actor, planId);
  }

  async deleteOverride(actor: Actor, planId: string, targetId: string, unitId: string): Promise<PlanDetail> {
    assertCanManagePlans(actor);
    await this.change(actor, planId, async (_plan, tx) => {
      if (!(await this.plans.deleteOverride(planId, targetId, unitId, tx))) throw new NotFoundError('plan-target-override');
      return { entityType: 'plan-target-override', entityId: targetId, action: 'delete', data: { planId, unitId } };
    });
    return this.get(actor, planId);
  }

  /** Locks a plan of the caller's subtree, applies the change and records it, in one transaction. */
  private async change(
    actor: Actor,
    planId: string,
    work: (plan: PlanRef, tx: EntityManager) => Promise<{ entityType: string; entityId: string; action: string; data: Record<string, unknown> }>,
  ): Promise<void> {
    await this.transactions.run(async (tx) => {
      const plan = await this.plans.lockInScope(actor, planId, tx);
      if (!plan) throw new NotFoundError('plan');
      const entry = await work(plan, tx);
      await this.audit.append({ actorId: actor.userId, unitId: plan.unitId, unitPath: plan.unitPath, ...entry }, tx);
    });
  }

  private async detail(plan: PlanRef): Promise<PlanDetail> {
    const { unitPath: _path, unitLevel: _level, ...view } = plan;
    return { ...view, targets: await this.plans.targets(plan.id) };
  }

  /** The decision's file must be one the plan's readers can open: uploaded for the plan unit or below. */
  private async assertDecisionFile(unitPath: string, attachmentId: string | null, tx: EntityManager): Promise<void> {
    if (attachmentId === null) return;
    if (!(await this.attachments.existingIn(unitPath, [attachmentId], tx)).has(attachmentId)) {
      throw new InvalidInputError([
        { field: 'decision.attachmentId', rule: 'exists', message: 'không có tệp này trong phạm vi đơn vị ban hành kế hoạch' },
      ]);
    }
  }
}

function planFields(input: PlanInput): PlanFields {
  const period = periodOf(input);
  const decision: PlanDecision = {
    number: input.decision?.number ?? null,
    date: input.decision?.date ?? null,
    signer: input.decision?.signer ?? null,
    attachmentId: input.decision?.attachmentId ?? null,
  };
  if (decision.date !== null && !isCalendarDate(decision.date)) {
    throw new InvalidInputError([{ field: 'decision.date', rule: 'isDate', message: 'phải là ngày dạng YYYY-MM-DD' }]);
  }
  return { title: input.title, periodFrom: period.from, periodTo: period.to, decision };
}

function newTarget(t: TargetInput): NewTarget {
  return {
    metric: t.metric,
    activityKind: t.activityKind ?? null,
    contentGroup: t.contentGroup ?? null,
    channel: t.channel ?? null,
    unitLevel: t.unitLevel,
    value: t.value,
  };
}
