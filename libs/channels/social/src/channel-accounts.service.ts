import { Inject, Injectable } from '@nestjs/common';
import {
  ConflictError,
  ForbiddenActionError,
  InvalidInputError,
  isDeliveryError,
  isWithin,
  NotFoundError,
  type Actor,
  type FieldProblem,
} from '#domain/index.js';
import { AuditRepository, TransactionRunner, UnitRepository, type SocialPlatform } from '#persistence/index.js';
import { ChannelAccountRepository, type ChannelAccountView } from './repositories/channel-account.repository.js';
import { SOCIAL_PUBLISHERS, type SocialPublishers } from './social-providers.js';
import { SocialTokensService } from './social-tokens.service.js';

/** Zalo access tokens live about 25 hours; used when the caller does not say. */
const ZALO_ACCESS_TTL_MS = 25 * 3_600_000;

function accessExpiry(platform: SocialPlatform, given: Date | undefined): Date | null {
  return given ?? (platform === 'zalo' ? new Date(Date.now() + ZALO_ACCESS_TTL_MS) : null);
}

export interface ChannelAccountInput {
  unitId: string;
  platform: SocialPlatform;
  name: string;
  externalId: string;
  appId?: string;
  appSecret?: string;
  accessToken: string;
  refreshToken?: string;
  accessExpiresAt?: Date;
  canBroadcast?: boolean;
}

export interface ReconnectInput {
  accessToken: string;
  refreshToken?: string;
  appSecret?: string;
  accessExpiresAt?: Date;
}

export interface ConnectionCheck {
  ok: boolean;
  needsReconnect: boolean;
  platformId: string | null;
  platformName: string | null;
  code: string | null;
  message: string;
}

/** Channel accounts as people manage them: admins write, everyone reads within their subtree; tokens never leave. */
@Injectable()
export class ChannelAccountsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly accounts: ChannelAccountRepository,
    private readonly units: UnitRepository,
    private readonly audit: AuditRepository,
    private readonly tokens: SocialTokensService,
    @Inject(SOCIAL_PUBLISHERS) private readonly publishers: SocialPublishers,
  ) {}

  async create(actor: Actor, input: ChannelAccountInput): Promise<ChannelAccountView> {
    assertAdmin(actor);
    const unit = await this.units.findRef(input.unitId);
    if (!unit || !isWithin(unit.path, actor.unitPath)) throw new NotFoundError('unit');
    const problems: FieldProblem[] = [];
    if (input.platform === 'zalo') {
      for (const field of ['appId', 'appSecret', 'refreshToken'] as const) {
        if (!input[field]) problems.push({ field, rule: 'required', message: 'Bắt buộc với tài khoản Zalo OA (dùng để làm mới mã truy cập)' });
      }
    }
    if (problems.length) throw new InvalidInputError(problems);
    if (await this.accounts.exists(input.unitId, input.platform, input.externalId)) {
      throw new ConflictError('channel-account.duplicate', 'Đơn vị đã có tài khoản này');
    }
    const id = await this.transactions.run(async (m) => {
      const id = await this.accounts.insert(m, {
        unitId: input.unitId,
        platform: input.platform,
        name: input.name,
        externalId: input.externalId,
        appId: input.appId ?? null,
        appSecretEnc: input.appSecret ? this.tokens.seal(input.appSecret) : null,
        accessTokenEnc: this.tokens.seal(input.accessToken),
        refreshTokenEnc: input.refreshToken ? this.tokens.seal(input.refreshToken) : null,
        accessExpiresAt: accessExpiry(input.platform, input.accessExpiresAt),
        canBroadcast: input.canBroadcast ?? false,
        createdBy: actor.userId,
      });
      await this.appendAudit(actor, { id, unitId: unit.id, unitPath: unit.path }, 'create', m, { platform: input.platform, externalId: input.externalId });
      return id;
    });
    return this.get(actor, id);
  }

  list(actor: Actor, filter: { platform?: SocialPlatform; limit: number; offset: number }) {
    return this.accounts.list(actor.unitPath, filter);
  }

  async get(actor: Actor, id: string): Promise<ChannelAccountView> {
    const { unitPath: _unitPath, ...view } = await this.find(actor, id);
    return view;
  }

  async update(actor: Actor, id: string, changes: { name?: string; canBroadcast?: boolean; enabled?: boolean }): Promise<ChannelAccountView> {
    assertAdmin(actor);
    const account = await this.find(actor, id);
    const status = changes.enabled === undefined ? undefined : changes.enabled ? 'active' : 'disabled';
    await this.transactions.run(async (m) => {
      await this.accounts.update(m, id, { name: changes.name, canBroadcast: changes.canBroadcast, status });
      await this.appendAudit(actor, account, 'update', m, { ...changes });
    });
    return this.get(actor, id);
  }

  /** New tokens after the platform's login flow: the account is active again. */
  async reconnect(actor: Actor, id: string, input: ReconnectInput): Promise<ChannelAccountView> {
    assertAdmin(actor);
    const account = await this.find(actor, id);
    if (account.platform === 'zalo' && !input.refreshToken) {
      throw new InvalidInputError([{ field: 'refreshToken', rule: 'required', message: 'Bắt buộc với tài khoản Zalo OA' }]);
    }
    await this.transactions.run(async (m) => {
      await this.accounts.saveTokens(m, id, {
        accessTokenEnc: this.tokens.seal(input.accessToken),
        refreshTokenEnc: input.refreshToken ? this.tokens.seal(input.refreshToken) : null,
        accessExpiresAt: accessExpiry(account.platform, input.accessExpiresAt),
        appSecretEnc: input.appSecret ? this.tokens.seal(input.appSecret) : null,
      });
      await this.appendAudit(actor, account, 'reconnect', m);
    });
    return this.get(actor, id);
  }

  /** Calls the platform with the stored token; a rejected token flags the account for reconnecting. */
  async check(actor: Actor, id: string): Promise<ConnectionCheck> {
    const view = await this.find(actor, id);
    const account = await this.accounts.secrets(id);
    if (!account) throw new NotFoundError('channel-account');
    try {
      const credentials = await this.tokens.credentials(account);
      const found = await this.publishers[account.platform].check(credentials);
      await this.accounts.markChecked(id);
      if (found.id && found.id !== view.externalId) {
        return { ok: false, needsReconnect: false, platformId: found.id, platformName: found.name, code: 'id-mismatch', message: `Mã truy cập thuộc tài khoản khác (${found.id})` };
      }
      return { ok: true, needsReconnect: false, platformId: found.id, platformName: found.name, code: null, message: 'Kết nối tốt' };
    } catch (error) {
      if (!isDeliveryError(error)) throw error;
      await this.accounts.markChecked(id);
      const reconnect = await this.tokens.flagIfTokenRefused(id, account.platform, error);
      return {
        ok: false,
        needsReconnect: reconnect,
        platformId: null,
        platformName: null,
        code: error.providerCode,
        message: reconnect ? 'Mã truy cập không còn hiệu lực; cần kết nối lại tài khoản' : 'Không kết nối được tới nền tảng; thử lại sau',
      };
    }
  }

  /** The account with its unit's path (for audit events), or 404 outside the caller's subtree. */
  private async find(actor: Actor, id: string): Promise<ChannelAccountView & { unitPath: string }> {
    const account = await this.accounts.findScoped(id, actor.unitPath);
    if (!account) throw new NotFoundError('channel-account');
    return account;
  }

  private async appendAudit(
    actor: Actor,
    account: { id: string; unitId: string; unitPath: string },
    action: string,
    m: Parameters<AuditRepository['append']>[1],
    data: Record<string, unknown> = {},
  ) {
    await this.audit.append(
      { actorId: actor.userId, unitId: account.unitId, unitPath: account.unitPath, entityType: 'channel-account', entityId: account.id, action, data },
      m,
    );
  }
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') {
    throw new ForbiddenActionError('channel-account.admin-only', 'Chỉ quản trị viên mới được quản lý tài khoản kênh');
  }
}
