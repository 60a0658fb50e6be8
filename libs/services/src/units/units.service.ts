import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import {
  assertCanAddVillage,
  assertCanEditVillage,
  assertLocalVillage,
  assertNoTwinVillage,
  assertUnused,
  cleanText,
  ConflictError,
  foldVietnamese,
  InvalidInputError,
  LEVEL_LABELS,
  NotFoundError,
  type Actor,
  type VillageType,
} from '#domain/index.js';
import { AuditRepository, TransactionRunner, UnitRepository } from '#persistence/index.js';
import type { UnitSearchFilter, UnitView } from '#persistence/repositories/unit.repository.js';
import { UnitUsageRepository } from '#persistence/repositories/unit-usage.repository.js';
import { searchNameOf, villageFullName } from './unit-text.js';

/** The repository's filter, with the search text as typed rather than folded. */
export type UnitQuery = Omit<UnitSearchFilter, 'folded'> & { q?: string };

export interface UnitDetail extends UnitView {
  /** The units above, root first (breadcrumb). */
  ancestors: UnitView[];
}

export interface NewVillage {
  name: string;
  type: VillageType;
  code?: string;
}

/** Reading the administrative tree within the caller's subtree; adding, renaming and removing villages of a commune. */
@Injectable()
export class UnitsService {
  constructor(
    private readonly units: UnitRepository,
    private readonly usage: UnitUsageRepository,
    private readonly audit: AuditRepository,
    private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  search(actor: Actor, query: UnitQuery): Promise<{ items: UnitView[]; total: number }> {
    const { q, ...filter } = query;
    const folded = q ? foldVietnamese(q) : '';
    return this.units.search(actor, { ...filter, folded: folded || undefined });
  }

  async get(actor: Actor, unitId: string): Promise<UnitDetail> {
    const unit = await this.units.findViewInScope(actor, unitId);
    if (!unit) throw new NotFoundError('unit');
    const { path, ...view } = unit;
    return { ...view, ancestors: await this.units.ancestorsOf(path) };
  }

  async children(actor: Actor, unitId: string, page: { limit: number; offset: number }): Promise<{ items: UnitView[]; total: number }> {
    if (!(await this.units.findInScope(actor, unitId))) throw new NotFoundError('unit');
    return this.units.childrenOf(actor, unitId, page);
  }

  /**
   * Adds a village (thôn, tổ dân phố...) under a commune the caller can see. The commune row is locked
   * for the transaction, so two officers adding the same name at once get one village and one 409.
   */
  async addVillage(actor: Actor, communeId: string, input: NewVillage): Promise<UnitView> {
    const name = cleanText(input.name);
    const code = input.code?.trim() || null;
    if (!name) throw new InvalidInputError([{ field: 'name', rule: 'isNotEmpty', message: 'không được để trống' }]);
    return this.transactions.run(async (tx) => {
      const commune = await this.units.lockInScope(actor, communeId, tx);
      if (!commune) throw new NotFoundError('unit');
      assertCanAddVillage(actor);
      if (commune.level !== 'commune') {
        throw new ConflictError(
          'unit.village-parent-level',
          `Chỉ thêm được thôn, tổ dân phố vào đơn vị cấp xã; "${commune.fullName}" là đơn vị cấp ${LEVEL_LABELS[commune.level]}`,
        );
      }
      if (commune.validTo !== null && commune.validTo < this.today()) {
        throw new ConflictError(
          'unit.expired',
          `"${commune.fullName}" chỉ có hiệu lực đến ngày ${commune.validTo}; hãy thêm thôn vào đơn vị theo danh mục hiện hành`,
        );
      }
      const fullName = villageFullName(name, input.type);
      assertNoTwinVillage(commune, await this.units.childNames(commune.id, tx), { name, fullName });
      const village = await this.units.insertLocal(
        { parent: commune, level: 'village', type: input.type, code, name, fullName, searchName: searchNameOf(name, fullName) },
        tx,
      );
      await this.logVillage(actor, commune, village.id, 'create-village', { name, fullName, type: input.type, code, parentId: commune.id }, tx);
      return village;
    });
  }

  /**
   * Renames a village created here, its full name rebuilt from its kind ("Thôn …"). The commune is
   * locked as when adding, so a rename and an addition cannot both take the same name.
   */
  async renameVillage(actor: Actor, villageId: string, newName: string): Promise<UnitView> {
    const name = cleanText(newName);
    if (!name) throw new InvalidInputError([{ field: 'name', rule: 'isNotEmpty', message: 'không được để trống' }]);
    return this.transactions.run(async (tx) => {
      const village = await this.units.lockInScope(actor, villageId, tx);
      if (!village) throw new NotFoundError('unit');
      assertCanEditVillage(actor);
      assertLocalVillage(village);
      const commune = await this.units.lockParentOf(actor, village.id, tx);
      if (!commune) throw new NotFoundError('unit');
      const fullName = villageFullName(name, village.type as VillageType);
      if (name === village.name && fullName === village.fullName) return stripPath(village);
      assertNoTwinVillage(commune, await this.units.childNames(commune.id, tx), { name, fullName }, village.id);
      const renamed = await this.units.renameLocal(actor, village.id, { name, fullName, searchName: searchNameOf(name, fullName) }, tx);
      if (!renamed) throw new NotFoundError('unit');
      const data = { from: { name: village.name, fullName: village.fullName }, to: { name, fullName }, parentId: commune.id };
      await this.logVillage(actor, commune, village.id, 'rename-village', data, tx);
      return renamed;
    });
  }

  /** Removes a village created here that nothing refers to; otherwise a 409 names what still uses it. */
  async deleteVillage(actor: Actor, villageId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const village = await this.units.lockForDeleteInScope(actor, villageId, tx);
      if (!village) throw new NotFoundError('unit');
      assertCanEditVillage(actor);
      assertLocalVillage(village);
      const commune = await this.units.lockParentOf(actor, village.id, tx);
      if (!commune) throw new NotFoundError('unit');
      assertUnused(village, await this.usage.usageOf(village.id, tx));
      if (!(await this.usage.deleteLocalVillage(actor, village.id, tx))) throw new NotFoundError('unit');
      const data = { name: village.name, fullName: village.fullName, type: village.type, code: village.code, parentId: commune.id };
      await this.logVillage(actor, commune, village.id, 'delete-village', data, tx);
    });
  }

  /** A village's change is logged under its commune, so the commune's supervisors read it in their audit log. */
  private logVillage(
    actor: Actor,
    commune: { id: string; path: string },
    villageId: string,
    action: 'create-village' | 'rename-village' | 'delete-village',
    data: Record<string, unknown>,
    tx: EntityManager,
  ): Promise<void> {
    return this.audit.append(
      { actorId: actor.userId, unitId: commune.id, unitPath: commune.path, entityType: 'unit', entityId: villageId, action, data },
      tx,
    );
  }

  /** Today's date where the units are ('YYYY-MM-DD'), to compare with validity dates. */
  private today(): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.config.defaultTimeZone }).format(new Date());
  }
}

function stripPath({ path: _path, ...view }: UnitView & { path: string }): UnitView {
  return view;
}
