import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/src/index.js';
import {
  assertCanAddVillage,
  cleanText,
  ConflictError,
  foldVietnamese,
  InvalidInputError,
  NotFoundError,
  type Actor,
  type UnitLevel,
  type VillageType,
} from '../../../domain/src/index.js';
import { AuditRepository, UnitRepository } from '../../../persistence/src/index.js';
import type { UnitSearchFilter, UnitView } from '../../../persistence/src/repositories/unit.repository.js';
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

const LEVEL_LABELS: Record<UnitLevel, string> = { province: 'tỉnh', district: 'huyện', commune: 'xã', village: 'thôn' };

/** Reading the administrative tree within the caller's subtree, and adding villages under a commune. */
@Injectable()
export class UnitsService {
  constructor(
    private readonly units: UnitRepository,
    private readonly audit: AuditRepository,
    @InjectDataSource() private readonly db: DataSource,
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
    return this.db.transaction(async (tx) => {
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
      const folded = foldVietnamese(name);
      const foldedFull = foldVietnamese(fullName);
      const siblings = await this.units.childNames(commune.id, tx);
      const twin = siblings.find((s) => foldVietnamese(s.name) === folded || foldVietnamese(s.fullName) === foldedFull);
      if (twin) {
        throw new ConflictError('unit.village-duplicate', `"${commune.fullName}" đã có "${twin.fullName}" (trùng tên)`);
      }
      const village = await this.units.insertLocal(
        { parent: commune, level: 'village', type: input.type, code, name, fullName, searchName: searchNameOf(name, fullName) },
        tx,
      );
      await this.audit.append(
        {
          actorId: actor.userId,
          unitId: commune.id,
          unitPath: commune.path,
          entityType: 'unit',
          entityId: village.id,
          action: 'create-village',
          data: { name, fullName, type: input.type, code, parentId: commune.id },
        },
        tx,
      );
      return village;
    });
  }

  /** Today's date where the units are ('YYYY-MM-DD'), to compare with validity dates. */
  private today(): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.config.defaultTimeZone }).format(new Date());
  }
}
