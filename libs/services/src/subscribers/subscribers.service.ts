import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { foldVietnamese, InvalidInputError, NotFoundError, type Actor, type FieldProblem } from '#domain/index.js';
import { AuditRepository, TransactionRunner, UnitRepository, type UnitRef } from '#persistence/index.js';
import {
  SubscriberRepository,
  type SubscriberChanges,
  type SubscriberFilter,
  type SubscriberRecord,
  type SubscriberView,
} from '#persistence/repositories/subscriber.repository.js';
import {
  cleanFullName,
  consentAtProblems,
  DEFAULT_LANGUAGE,
  fullNameProblems,
  languageProblems,
  normaliseTags,
  parseConsentDate,
  phoneDigitsOf,
  phoneOrProblem,
  tagsProblems,
  type ConsentSource,
} from './subscriber-fields.js';

export interface NewSubscriberInput {
  phone: string;
  unitId: string;
  villageId?: string;
  fullName?: string;
  tags?: string[];
  consentSource: ConsentSource;
  /** ISO 8601; without an offset it is wall time in the default time zone. Defaults to now. */
  consentAt?: string;
  preferredLanguage?: string;
}

export interface SubscriberPatch {
  fullName?: string | null;
  unitId?: string;
  villageId?: string | null;
  tags?: string[];
  preferredLanguage?: string;
}

export interface SubscriberQuery {
  unitId?: string;
  villageId?: string;
  tag?: string;
  q?: string;
  optedOut?: boolean;
  sort: SubscriberFilter['sort'];
  limit: number;
  offset: number;
}

/**
 * Subscribers of the caller's subtree: officers, supervisors and admins of the subtree manage them.
 * Every change is audited in its transaction. The number is the identity: one subscriber per number.
 */
@Injectable()
export class SubscribersService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly subscribers: SubscriberRepository,
    private readonly units: UnitRepository,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, input: NewSubscriberInput): Promise<SubscriberView> {
    const problems: FieldProblem[] = [];
    const phone = phoneOrProblem(input.phone);
    if ('problem' in phone) problems.push(phone.problem);
    const fullName = cleanFullName(input.fullName);
    const tags = normaliseTags(input.tags ?? []);
    const preferredLanguage = input.preferredLanguage ?? DEFAULT_LANGUAGE;
    const now = new Date();
    const consentAt = input.consentAt === undefined ? now : parseConsentDate(input.consentAt, this.config.defaultTimeZone);
    if (consentAt === null) problems.push({ field: 'consentAt', rule: 'isDateString', message: 'phải là ngày giờ ISO 8601' });
    else problems.push(...consentAtProblems(consentAt, now));
    problems.push(...fullNameProblems(fullName), ...tagsProblems(tags), ...languageProblems(preferredLanguage));
    if (problems.length > 0 || 'problem' in phone || consentAt === null) throw new InvalidInputError(problems);

    const unit = await this.subscriberUnit(actor, input.unitId);
    const villageId = input.villageId === undefined ? null : await this.villageUnder(unit, input.villageId);
    return this.transactions.run(async (tx) => {
      const id = await this.subscribers.insert(
        { phone: phone.phone, fullName, unitId: unit.id, villageId, tags, consentSource: input.consentSource, consentAt, preferredLanguage },
        tx,
      );
      await this.audit.append(
        {
          actorId: actor.userId,
          unitId: unit.id,
          unitPath: unit.path,
          entityType: 'subscriber',
          entityId: id,
          action: 'create',
          data: { phone: phone.phone, consentSource: input.consentSource, consentAt: consentAt.toISOString() },
        },
        tx,
      );
      return this.mustFind(actor, id, tx);
    });
  }

  async list(actor: Actor, query: SubscriberQuery): Promise<{ items: SubscriberView[]; total: number }> {
    const unitPath = query.unitId === undefined ? undefined : (await this.mustFindUnit(actor, query.unitId)).path;
    const q = query.q?.trim() ?? '';
    const phoneDigits = q ? phoneDigitsOf(q) : null;
    const folded = q ? foldVietnamese(q) : '';
    return this.subscribers.search(actor, {
      unitPath,
      villageId: query.villageId,
      tag: query.tag === undefined ? undefined : normaliseTags([query.tag])[0],
      phoneDigits: phoneDigits ?? undefined,
      name: phoneDigits === null && folded ? folded : undefined,
      optedOut: query.optedOut,
      sort: query.sort,
      limit: query.limit,
      offset: query.offset,
    });
  }

  async get(actor: Actor, id: string): Promise<SubscriberView> {
    return this.mustFind(actor, id);
  }

  /** Changing the unit moves the subscriber within the caller's subtree; a village that does not lie under the new unit is dropped. */
  async update(actor: Actor, id: string, patch: SubscriberPatch): Promise<SubscriberView> {
    const problems: FieldProblem[] = [];
    const fullName = patch.fullName === undefined ? undefined : cleanFullName(patch.fullName);
    const tags = patch.tags === undefined ? undefined : normaliseTags(patch.tags);
    if (fullName !== undefined) problems.push(...fullNameProblems(fullName));
    if (tags !== undefined) problems.push(...tagsProblems(tags));
    if (patch.preferredLanguage !== undefined) problems.push(...languageProblems(patch.preferredLanguage));
    if (problems.length > 0) throw new InvalidInputError(problems);

    return this.transactions.run(async (tx) => {
      const current = await this.mustFindRecord(actor, id, tx, true);
      const unit = patch.unitId !== undefined && patch.unitId !== current.unitId ? await this.subscriberUnit(actor, patch.unitId, tx) : null;
      const unitPath = unit?.path ?? current.unitPath;
      let villageId: string | null | undefined;
      if (patch.villageId === null) villageId = null;
      else if (patch.villageId !== undefined) villageId = await this.villageUnder({ path: unitPath }, patch.villageId, tx);
      else if (unit && current.villageId) villageId = (await this.subscribers.findVillageUnder(unitPath, current.villageId, tx)) ? undefined : null;

      const next: SubscriberChanges = { fullName, unitId: unit?.id, villageId, tags, preferredLanguage: patch.preferredLanguage };
      const changed = (Object.keys(next) as (keyof SubscriberChanges)[]).filter(
        (key) => next[key] !== undefined && JSON.stringify(next[key]) !== JSON.stringify(current[key]),
      );
      if (changed.length === 0) return this.view(current);
      await this.subscribers.update(current.id, Object.fromEntries(changed.map((key) => [key, next[key]])), tx);
      await this.audit.append(
        {
          actorId: actor.userId,
          unitId: unit?.id ?? current.unitId,
          unitPath,
          entityType: 'subscriber',
          entityId: current.id,
          action: 'update',
          data: { changes: Object.fromEntries(changed.map((key) => [key, { from: current[key], to: next[key] }])) },
        },
        tx,
      );
      return this.mustFind(actor, current.id, tx);
    });
  }

  /** An officer records that the citizen asked to stop. Takes effect at once: the engine re-checks before every send. */
  async optOut(actor: Actor, id: string): Promise<SubscriberView> {
    return this.changeSubscription(actor, id, 'opt-out', (tx) => this.subscribers.optOut(id, 'officer', tx));
  }

  /** The citizen asked an officer to receive SMS again: a fresh consent with its source and time. */
  async optIn(actor: Actor, id: string, consentSource: ConsentSource = 'officer'): Promise<SubscriberView> {
    return this.changeSubscription(actor, id, 'opt-in', (tx) => this.subscribers.optIn(id, consentSource, tx), { consentSource });
  }

  private async changeSubscription(
    actor: Actor,
    id: string,
    action: 'opt-out' | 'opt-in',
    apply: (tx: EntityManager) => Promise<boolean>,
    data: Record<string, unknown> = {},
  ): Promise<SubscriberView> {
    return this.transactions.run(async (tx) => {
      const current = await this.mustFindRecord(actor, id, tx, true);
      if (await apply(tx)) {
        await this.audit.append(
          {
            actorId: actor.userId,
            unitId: current.unitId,
            unitPath: current.unitPath,
            entityType: 'subscriber',
            entityId: current.id,
            action,
            data: { source: 'api', ...data },
          },
          tx,
        );
      }
      return this.mustFind(actor, id, tx);
    });
  }

  /** A unit of the caller's subtree that subscribers can belong to: any level but a village (that is villageId). */
  private async subscriberUnit(actor: Actor, unitId: string, manager?: EntityManager): Promise<UnitRef> {
    const unit = await this.mustFindUnit(actor, unitId, manager);
    if (unit.level === 'village') {
      throw new InvalidInputError([
        { field: 'unitId', rule: 'not-village', message: 'hãy chọn xã, phường (đơn vị chứa thôn); thôn, tổ dân phố ghi ở villageId' },
      ]);
    }
    return unit;
  }

  private async villageUnder(unit: { path: string }, villageId: string, manager?: EntityManager): Promise<string> {
    const village = await this.subscribers.findVillageUnder(unit.path, villageId, manager);
    if (!village) {
      throw new InvalidInputError([{ field: 'villageId', rule: 'village', message: 'không phải thôn, tổ dân phố thuộc đơn vị đã chọn' }]);
    }
    return village.id;
  }

  private async mustFindUnit(actor: Actor, unitId: string, manager?: EntityManager): Promise<UnitRef> {
    const unit = await this.units.findInScope(actor, unitId, manager);
    if (!unit) throw new NotFoundError('unit');
    return unit;
  }

  private async mustFindRecord(actor: Actor, id: string, manager?: EntityManager, lock = false): Promise<SubscriberRecord> {
    const subscriber = await this.subscribers.findInScope(actor, id, manager, lock);
    if (!subscriber) throw new NotFoundError('subscriber');
    return subscriber;
  }

  private async mustFind(actor: Actor, id: string, manager?: EntityManager): Promise<SubscriberView> {
    return this.view(await this.mustFindRecord(actor, id, manager));
  }

  private view({ unitPath: _path, ...view }: SubscriberRecord): SubscriberView {
    return view;
  }
}
