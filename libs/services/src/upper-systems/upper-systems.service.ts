import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { ForbiddenActionError, InvalidInputError, isWithin, NotFoundError, type Actor, type SecretBox } from '#domain/index.js';
import { AuditRepository, TransactionRunner, UnitRepository } from '#persistence/index.js';
import { UPPER_SYSTEM_SECRET_BOX } from './upper-system-secret-box.js';
import { accountName, UpperSystemRepository, type UpperSystemView } from './upper-system.repository.js';

export interface UpperSystemInput {
  unitId: string;
  name: string;
  trusted?: boolean;
}

/** A system with its secret: answered once, when registered or rotated. */
export type UpperSystemWithSecret = UpperSystemView & { secret: string };

/**
 * The registry of upper-level information systems. Supervisors and admins of a province or district
 * register the systems that speak for it; the HMAC secret is generated here, sealed at rest and shown once.
 */
@Injectable()
export class UpperSystemsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly systems: UpperSystemRepository,
    private readonly units: UnitRepository,
    private readonly audit: AuditRepository,
    @Inject(UPPER_SYSTEM_SECRET_BOX) private readonly box: SecretBox,
  ) {}

  async register(actor: Actor, input: UpperSystemInput): Promise<UpperSystemWithSecret> {
    assertManager(actor);
    const unit = await this.units.findRef(input.unitId);
    if (!unit || !isWithin(unit.path, actor.unitPath)) throw new NotFoundError('unit');
    if (unit.level !== 'province' && unit.level !== 'district') {
      throw new InvalidInputError([{ field: 'unitId', rule: 'upper-level', message: 'Hệ thống cấp trên phải thuộc một tỉnh hoặc một huyện' }]);
    }
    const secret = newSecret();
    const suffix = randomBytes(8).toString('hex');
    const keyId = `tcs_sys_${suffix}`;
    const id = await this.transactions.run(async (m) => {
      const userId = await this.systems.insertAccount(m, { username: `he-thong.${suffix}`, displayName: accountName(input.name), unitId: unit.id, createdBy: actor.userId });
      const id = await this.systems.insert(m, { unitId: unit.id, userId, name: input.name, keyId, secretEnc: this.box.seal(secret), trusted: input.trusted ?? false, createdBy: actor.userId });
      await this.appendAudit(actor, { id, unitId: unit.id, unitPath: unit.path }, 'create', m, { name: input.name, keyId, trusted: input.trusted ?? false });
      return id;
    });
    return { ...(await this.get(actor, id)), secret };
  }

  list(actor: Actor, page: { limit: number; offset: number }) {
    return this.systems.list(actor.unitPath, page);
  }

  async get(actor: Actor, id: string): Promise<UpperSystemView> {
    const { unitPath: _unitPath, ...view } = await this.find(actor, id);
    return view;
  }

  async update(actor: Actor, id: string, changes: { name?: string; trusted?: boolean; active?: boolean }): Promise<UpperSystemView> {
    assertManager(actor);
    const system = await this.find(actor, id);
    const action = changes.active === false && system.active ? 'deactivate' : 'update';
    await this.transactions.run(async (m) => {
      await this.systems.update(m, id, changes);
      await this.appendAudit(actor, system, action, m, { ...changes });
    });
    return this.get(actor, id);
  }

  /** A new secret; the old one stops working at once. */
  async rotate(actor: Actor, id: string): Promise<UpperSystemWithSecret> {
    assertManager(actor);
    const system = await this.find(actor, id);
    const secret = newSecret();
    await this.transactions.run(async (m) => {
      await this.systems.saveSecret(m, id, this.box.seal(secret));
      await this.appendAudit(actor, system, 'rotate', m);
    });
    return { ...(await this.get(actor, id)), secret };
  }

  private async find(actor: Actor, id: string): Promise<UpperSystemView & { unitPath: string }> {
    const system = await this.systems.findScoped(id, actor.unitPath);
    if (!system) throw new NotFoundError('upper-system');
    return system;
  }

  private async appendAudit(
    actor: Actor,
    system: { id: string; unitId: string; unitPath: string },
    action: string,
    m: Parameters<AuditRepository['append']>[1],
    data: Record<string, unknown> = {},
  ) {
    await this.audit.append({ actorId: actor.userId, unitId: system.unitId, unitPath: system.unitPath, entityType: 'upper-system', entityId: system.id, action, data }, m);
  }
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

function assertManager(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'supervisor') {
    throw new ForbiddenActionError('upper-system.manager-only', 'Chỉ lãnh đạo hoặc quản trị viên mới được quản lý hệ thống cấp trên');
  }
}
