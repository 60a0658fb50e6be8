import { Injectable } from '@nestjs/common';
import { ForbiddenActionError, InvalidInputError, NotFoundError, type Actor } from '#domain/index.js';
import { AuditRepository, TransactionRunner, UnitRepository } from '#persistence/index.js';
import { EmergencyRepository, type EmergencyPolicy } from './emergency.repository.js';

/**
 * Whether a province lets one supervisor send an emergency alone (the default) or requires a second
 * supervisor to confirm it. Anyone reads their own province's rule; admins and supervisors of the
 * province (or above) change it.
 */
@Injectable()
export class EmergencyPolicyService {
  constructor(
    private readonly emergencies: EmergencyRepository,
    private readonly units: UnitRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
  ) {}

  /** The rule of the given province (in the caller's subtree), else of the province the caller belongs to. */
  async get(actor: Actor, provinceId: string | undefined): Promise<EmergencyPolicy> {
    return this.emergencies.policy(await this.province(actor, provinceId));
  }

  async set(actor: Actor, provinceId: string | undefined, requireSecondSupervisor: boolean): Promise<EmergencyPolicy> {
    if (actor.role === 'officer') {
      throw new ForbiddenActionError('emergency.policy-role', 'Chỉ quản trị viên hoặc lãnh đạo cấp tỉnh mới được thay đổi quy định phát khẩn cấp');
    }
    const province = await this.province(actor, provinceId);
    if (!(await this.units.findInScope(actor, province.id))) {
      throw new ForbiddenActionError('emergency.policy-scope', `Chỉ quản trị viên hoặc lãnh đạo của ${province.name} mới được thay đổi quy định này`);
    }
    await this.transactions.run(async (m) => {
      await this.emergencies.savePolicy(m, province.id, requireSecondSupervisor, actor.userId);
      await this.audit.append(
        { actorId: actor.userId, unitId: province.id, unitPath: province.path, entityType: 'emergency-policy', entityId: province.id, action: 'update', data: { requireSecondSupervisor } },
        m,
      );
    });
    return this.emergencies.policy(province);
  }

  private async province(actor: Actor, provinceId: string | undefined): Promise<{ id: string; path: string; name: string }> {
    if (!provinceId) {
      const own = await this.emergencies.provinceOf(actor.unitPath);
      if (!own) throw new InvalidInputError([{ field: 'provinceId', rule: 'required', message: 'Đơn vị của bạn không thuộc tỉnh nào: hãy chọn tỉnh' }]);
      return own;
    }
    const unit = await this.units.findInScope(actor, provinceId);
    if (!unit) throw new NotFoundError('unit');
    if (unit.level !== 'province') throw new InvalidInputError([{ field: 'provinceId', rule: 'province', message: 'Đơn vị được chọn không phải là tỉnh' }]);
    return { id: unit.id, path: unit.path, name: unit.name };
  }
}
