import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface ChannelPolicy {
  channel: string;
  quietHours: { start: string; end: string } | null;
  dailyCap: number | null;
}

/** Quiet hours and caps per channel (table channel_policy). */
@Injectable()
export class ChannelPolicyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(channel: string): Promise<ChannelPolicy> {
    const [row] = await this.db.query(
      `SELECT channel, to_char(quiet_start, 'HH24:MI') AS start, to_char(quiet_end, 'HH24:MI') AS "end", daily_cap
         FROM channel_policy WHERE channel = $1`,
      [channel],
    );
    if (!row) return { channel, quietHours: null, dailyCap: null };
    return {
      channel,
      quietHours: row.start && row.end ? { start: row.start, end: row.end } : null,
      dailyCap: row.daily_cap,
    };
  }

  async list(): Promise<ChannelPolicy[]> {
    const rows: { channel: string }[] = await this.db.query(`SELECT channel FROM channel_policy ORDER BY channel`);
    return Promise.all(rows.map((r) => this.get(r.channel)));
  }

  async upsert(policy: ChannelPolicy): Promise<void> {
    await this.db.query(
      `INSERT INTO channel_policy (channel, quiet_start, quiet_end, daily_cap) VALUES ($1, $2, $3, $4)
       ON CONFLICT (channel) DO UPDATE SET quiet_start = $2, quiet_end = $3, daily_cap = $4`,
      [policy.channel, policy.quietHours?.start ?? null, policy.quietHours?.end ?? null, policy.dailyCap],
    );
  }
}
