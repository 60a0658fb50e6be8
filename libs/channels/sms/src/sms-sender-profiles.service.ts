import { Injectable } from '@nestjs/common';
import { ForbiddenActionError, InvalidInputError, isGsmText, isWithin, NotFoundError, type Actor, type BrandnameRoute, type FieldProblem } from '#domain/index.js';
import { AuditRepository, TransactionRunner, UnitRepository, type UnitRef } from '#persistence/index.js';
import { SmsSenderProfileRepository, type SmsSenderProfile } from './repositories/sms-sender-profile.repository.js';

export interface SmsSenderProfileChange extends BrandnameRoute {
  provider: string;
}

/**
 * A province's brandname profiles as people manage them. Everyone whose unit lies in the province
 * (or above it) reads them, since officers write texts that must match the templates; the province's
 * supervisors and the administrators above it change them.
 */
@Injectable()
export class SmsSenderProfilesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly profiles: SmsSenderProfileRepository,
    private readonly units: UnitRepository,
    private readonly audit: AuditRepository,
  ) {}

  async get(actor: Actor, unitId: string, provider: string): Promise<SmsSenderProfile> {
    assertProviderName(provider);
    const province = await this.province(unitId);
    if (!isWithin(actor.unitPath, province.path) && !isWithin(province.path, actor.unitPath)) throw new NotFoundError('unit');
    const profile = await this.profiles.find(province.id, provider);
    if (!profile) throw new NotFoundError('sms-sender-profile');
    return profile;
  }

  async set(actor: Actor, unitId: string, change: SmsSenderProfileChange): Promise<SmsSenderProfile> {
    assertProviderName(change.provider);
    const province = await this.managed(actor, unitId);
    const problems = profileProblems(change);
    if (problems.length) throw new InvalidInputError(problems);
    await this.transactions.run(async (m) => {
      await this.profiles.upsert(m, { ...change, unitId: province.id, updatedBy: actor.userId });
      await this.audit.append(
        { ...auditOf(actor, province), action: 'update', data: { ...change } },
        m,
      );
    });
    return this.get(actor, unitId, change.provider);
  }

  async remove(actor: Actor, unitId: string, provider: string): Promise<void> {
    assertProviderName(provider);
    const province = await this.managed(actor, unitId);
    await this.transactions.run(async (m) => {
      if (!(await this.profiles.remove(m, province.id, provider))) throw new NotFoundError('sms-sender-profile');
      await this.audit.append(
        { ...auditOf(actor, province), action: 'delete', data: { provider } },
        m,
      );
    });
  }

  private async managed(actor: Actor, unitId: string): Promise<UnitRef> {
    const province = await this.province(unitId);
    if (!isWithin(province.path, actor.unitPath)) throw new NotFoundError('unit');
    if (actor.role !== 'admin' && actor.role !== 'supervisor') {
      throw new ForbiddenActionError('sms-sender.role', 'Chỉ lãnh đạo phụ trách hoặc quản trị viên của tỉnh mới được khai báo brandname SMS');
    }
    return province;
  }

  private async province(unitId: string): Promise<UnitRef> {
    const unit = await this.units.findRef(unitId);
    if (!unit) throw new NotFoundError('unit');
    if (unit.level !== 'province') {
      throw new InvalidInputError([{ field: 'unitId', rule: 'province', message: 'Brandname SMS được khai báo cho cấp tỉnh; hãy chọn tỉnh của đơn vị' }]);
    }
    return unit;
  }
}

function assertProviderName(provider: string): void {
  if (!/^[a-z0-9-]{2,32}$/.test(provider)) {
    throw new InvalidInputError([{ field: 'provider', rule: 'matches', message: 'Tên nhà cung cấp SMS gồm 2–32 chữ thường, chữ số hoặc dấu -' }]);
  }
}

function auditOf(actor: Actor, province: UnitRef) {
  return { actorId: actor.userId, unitId: province.id, unitPath: province.path, entityType: 'sms-sender-profile', entityId: province.id };
}

/** A route whose templates could never match a text it may carry is refused field by field. */
function profileProblems(change: SmsSenderProfileChange): FieldProblem[] {
  const problems: FieldProblem[] = [];
  change.templates.forEach((template, i) => {
    if (!change.unicodeAllowed && !isGsmText(template.replace(/\{[^{}]*\}/g, ''))) {
      problems.push({ field: `templates[${i}]`, rule: 'brandname-unicode', message: 'Tuyến brandname không cho phép Unicode: mẫu tin phải viết không dấu' });
    }
  });
  if (new Set(change.templates).size !== change.templates.length) {
    problems.push({ field: 'templates', rule: 'unique', message: 'Mẫu tin bị trùng' });
  }
  return problems;
}
