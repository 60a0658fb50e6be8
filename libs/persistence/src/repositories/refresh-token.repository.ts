import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export type RotateOutcome =
  | { kind: 'rotated'; userId: string; familyId: string }
  | { kind: 'reused'; familyId: string }
  | { kind: 'invalid' };

@Injectable()
export class RefreshTokenRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(
    token: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
    manager: EntityManager = this.db.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO refresh_token (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`,
      [token.userId, token.familyId, token.tokenHash, token.expiresAt],
    );
  }

  /**
   * Marks the presented token used, atomically, and inserts its successor. A token presented a second
   * time means it leaked: the whole family is revoked.
   */
  async rotate(tokenHash: string, next: { tokenHash: string; expiresAt: Date }): Promise<RotateOutcome> {
    return this.db.transaction(async (tx) => {
      const rows: { user_id: string; family_id: string; used_at: Date | null; revoked_at: Date | null; expired: boolean }[] =
        await tx.query(
          `SELECT user_id, family_id, used_at, revoked_at, expires_at <= now() AS expired
             FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
          [tokenHash],
        );
      const row = rows[0];
      if (!row || row.revoked_at || row.expired) return { kind: 'invalid' };
      if (row.used_at) {
        await tx.query(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [row.family_id]);
        return { kind: 'reused', familyId: row.family_id };
      }
      await tx.query(`UPDATE refresh_token SET used_at = now() WHERE token_hash = $1`, [tokenHash]);
      await this.insert({ userId: row.user_id, familyId: row.family_id, ...next }, tx);
      return { kind: 'rotated', userId: row.user_id, familyId: row.family_id };
    });
  }

  async revokeFamilyOf(tokenHash: string): Promise<void> {
    await this.db.query(
      `UPDATE refresh_token SET revoked_at = now()
        WHERE family_id = (SELECT family_id FROM refresh_token WHERE token_hash = $1) AND revoked_at IS NULL`,
      [tokenHash],
    );
  }

  /** Ends one session of the user (the family an access token names); a family of someone else is left alone. */
  async revokeFamily(userId: string, familyId: string): Promise<void> {
    await this.db.query(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND family_id = $2 AND revoked_at IS NULL`, [
      userId,
      familyId,
    ]);
  }

  /** The user of a token that could still be exchanged (unused, not revoked, not expired), else null. */
  async ownerOf(tokenHash: string): Promise<string | null> {
    const rows: { user_id: string }[] = await this.db.query(
      `SELECT user_id FROM refresh_token WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()`,
      [tokenHash],
    );
    return rows[0]?.user_id ?? null;
  }

  async revokeAllForUser(userId: string, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  /** Deletes tokens that expired or were revoked more than `days` ago. */
  async purgeOlderThan(days: number): Promise<number> {
    const result: [unknown[], number] = await this.db.query(
      `DELETE FROM refresh_token
        WHERE expires_at < now() - make_interval(days => $1)
           OR revoked_at < now() - make_interval(days => $1)`,
      [days],
    );
    return result[1];
  }
}
