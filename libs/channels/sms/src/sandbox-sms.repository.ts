import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface SandboxSmsRow {
  id: string;
  providerMessageId: string;
  to: string;
  body: string;
  createdAt: Date;
}

/** Where the sandbox SMS provider "sends": a table the demo and tests read through the API. */
@Injectable()
export class SandboxSmsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(message: { providerMessageId: string; to: string; body: string }): Promise<void> {
    await this.db.query(`INSERT INTO sandbox_sms (provider_message_id, "to", body) VALUES ($1, $2, $3)`, [
      message.providerMessageId,
      message.to,
      message.body,
    ]);
  }

  async list(filter: { to?: string; limit: number; offset: number }): Promise<{ items: SandboxSmsRow[]; total: number }> {
    const params: unknown[] = [];
    const where = filter.to ? `WHERE "to" = $${params.push(filter.to)}` : '';
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM sandbox_sms ${where}`, params);
    const items = await this.db.query(
      `SELECT id::text, provider_message_id AS "providerMessageId", "to", body, created_at AS "createdAt"
         FROM sandbox_sms ${where} ORDER BY sandbox_sms.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items, total };
  }
}
