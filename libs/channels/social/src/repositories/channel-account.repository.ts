import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ChannelAccountStatus, SocialPlatform } from '#persistence/entities/index.js';

/** What the API may show of an account: never a token, sealed or not. */
export interface ChannelAccountView {
  id: string;
  unitId: string;
  unitName: string;
  platform: SocialPlatform;
  name: string;
  externalId: string;
  appId: string | null;
  canBroadcast: boolean;
  status: ChannelAccountStatus;
  statusReason: string | null;
  needsReconnect: boolean;
  accessExpiresAt: Date | null;
  lastCheckedAt: Date | null;
  createdAt: Date;
}

/** The sealed secrets, for the services that decrypt them in memory. */
export interface ChannelAccountSecrets {
  id: string;
  unitId: string;
  platform: SocialPlatform;
  externalId: string;
  appId: string | null;
  appSecretEnc: string | null;
  accessTokenEnc: string;
  refreshTokenEnc: string | null;
  accessExpiresAt: Date | null;
  canBroadcast: boolean;
  status: ChannelAccountStatus;
}

/** The stored columns of a new account: its secrets (already sealed), a name and who added it. */
export type NewChannelAccount = Omit<ChannelAccountSecrets, 'id' | 'status'> & { name: string; createdBy: string };

const VIEW = `a.id, a.unit_id AS "unitId", u.full_name AS "unitName", a.platform, a.name, a.external_id AS "externalId",
  a.app_id AS "appId", a.can_broadcast AS "canBroadcast", a.status, a.status_reason AS "statusReason",
  a.status = 'needs_reconnect' AS "needsReconnect", a.access_expires_at AS "accessExpiresAt",
  a.last_checked_at AS "lastCheckedAt", a.created_at AS "createdAt"`;

const SECRETS = `a.id, a.unit_id AS "unitId", a.platform, a.external_id AS "externalId", a.app_id AS "appId",
  a.app_secret_enc AS "appSecretEnc", a.access_token_enc AS "accessTokenEnc", a.refresh_token_enc AS "refreshTokenEnc",
  a.access_expires_at AS "accessExpiresAt", a.can_broadcast AS "canBroadcast", a.status`;

/** Zalo OA and Facebook Page accounts. Reads for people are scoped to the caller's subtree. */
@Injectable()
export class ChannelAccountRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}


  async insert(m: EntityManager, a: NewChannelAccount): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO channel_account (unit_id, platform, name, external_id, app_id, app_secret_enc, access_token_enc,
                                    refresh_token_enc, access_expires_at, can_broadcast, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [a.unitId, a.platform, a.name, a.externalId, a.appId, a.appSecretEnc, a.accessTokenEnc, a.refreshTokenEnc, a.accessExpiresAt, a.canBroadcast, a.createdBy],
    );
    return id;
  }

  async exists(unitId: string, platform: SocialPlatform, externalId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM channel_account WHERE unit_id = $1 AND platform = $2 AND external_id = $3`, [
      unitId,
      platform,
      externalId,
    ]);
    return rows.length > 0;
  }

  async list(scopePath: string, filter: { platform?: SocialPlatform; limit: number; offset: number }): Promise<{ items: ChannelAccountView[]; total: number }> {
    const params: unknown[] = [scopePath, filter.platform ?? null];
    const where = `u.path <@ $1::ltree AND ($2::text IS NULL OR a.platform = $2)`;
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM channel_account a JOIN admin_unit u ON u.id = a.unit_id WHERE ${where}`,
      params,
    );
    const items = await this.db.query(
      `SELECT ${VIEW} FROM channel_account a JOIN admin_unit u ON u.id = a.unit_id WHERE ${where}
        ORDER BY u.name, a.platform, a.name LIMIT $3 OFFSET $4`,
      [...params, filter.limit, filter.offset],
    );
    return { items, total };
  }

  async findScoped(id: string, scopePath: string, m: EntityManager = this.db.manager): Promise<(ChannelAccountView & { unitPath: string }) | null> {
    const [row] = await m.query(
      `SELECT ${VIEW}, u.path::text AS "unitPath" FROM channel_account a JOIN admin_unit u ON u.id = a.unit_id
        WHERE a.id = $1 AND u.path <@ $2::ltree`,
      [id, scopePath],
    );
    return row ?? null;
  }

  async secrets(id: string, m: EntityManager = this.db.manager, lock = false): Promise<ChannelAccountSecrets | null> {
    const [row] = await m.query(`SELECT ${SECRETS} FROM channel_account a WHERE a.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row ?? null;
  }

  /** How many of a unit's accounts on a platform can post, and how many wait to be reconnected. */
  async statusCounts(unitId: string, platform: 'zalo' | 'facebook'): Promise<{ active: number; needsReconnect: number }> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status = 'active')::int AS active, count(*) FILTER (WHERE status = 'needs_reconnect')::int AS "needsReconnect"
         FROM channel_account WHERE unit_id = $1 AND platform = $2`,
      [unitId, platform],
    );
    return row;
  }

  /** Zalo refresh tokens are single-use: the pair is written together, before the new access token is used. */
  async saveTokens(
    m: EntityManager,
    id: string,
    t: { accessTokenEnc: string; refreshTokenEnc: string | null; accessExpiresAt: Date | null; appSecretEnc?: string | null },
  ): Promise<void> {
    await m.query(
      `UPDATE channel_account SET access_token_enc = $2, refresh_token_enc = $3, access_expires_at = $4,
              app_secret_enc = COALESCE($5, app_secret_enc), status = 'active', status_reason = NULL, updated_at = now()
        WHERE id = $1`,
      [id, t.accessTokenEnc, t.refreshTokenEnc, t.accessExpiresAt, t.appSecretEnc ?? null],
    );
  }

  async update(m: EntityManager, id: string, changes: { name?: string; canBroadcast?: boolean; status?: 'active' | 'disabled' }): Promise<void> {
    await m.query(
      `UPDATE channel_account SET name = COALESCE($2, name), can_broadcast = COALESCE($3, can_broadcast),
              status = COALESCE($4, status), updated_at = now() WHERE id = $1`,
      [id, changes.name ?? null, changes.canBroadcast ?? null, changes.status ?? null],
    );
  }

  async markNeedsReconnect(id: string, reason: string, m: EntityManager = this.db.manager): Promise<void> {
    await m.query(
      `UPDATE channel_account SET status = 'needs_reconnect', status_reason = $2, updated_at = now()
        WHERE id = $1 AND status <> 'disabled'`,
      [id, reason.slice(0, 500)],
    );
  }

  async markChecked(id: string, m: EntityManager = this.db.manager): Promise<void> {
    await m.query(`UPDATE channel_account SET last_checked_at = now(), updated_at = now() WHERE id = $1`, [id]);
  }

  /** Active Zalo accounts whose access token expires before `before` (the refresh cron's work list). */
  async zaloExpiringBefore(before: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM channel_account
        WHERE platform = 'zalo' AND status = 'active' AND refresh_token_enc IS NOT NULL
          AND (access_expires_at IS NULL OR access_expires_at < $1)
        ORDER BY access_expires_at NULLS FIRST LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Accounts with any secret sealed under another key than `keyId` (re-sealed after a key rotation). */
  async sealedWithOtherKey(keyId: string, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM channel_account
        WHERE split_part(access_token_enc, '.', 2) <> $1
           OR split_part(coalesce(refresh_token_enc, ''), '.', 2) NOT IN ('', $1)
           OR split_part(coalesce(app_secret_enc, ''), '.', 2) NOT IN ('', $1)
        LIMIT $2`,
      [keyId, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Writes re-sealed secrets without touching status or expiry. */
  async reseal(m: EntityManager, id: string, sealed: { accessTokenEnc: string; refreshTokenEnc: string | null; appSecretEnc: string | null }): Promise<void> {
    await m.query(
      `UPDATE channel_account SET access_token_enc = $2, refresh_token_enc = $3, app_secret_enc = $4, updated_at = now() WHERE id = $1`,
      [id, sealed.accessTokenEnc, sealed.refreshTokenEnc, sealed.appSecretEnc],
    );
  }
}
