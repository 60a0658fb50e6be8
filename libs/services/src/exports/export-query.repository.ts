import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHANNELS, type DeliveryStatus, type UnitScope } from '#domain/index.js';
import type { DeliveryFailureReason } from '#domain/delivery/failure-reason.js';
import { subscriberNameSearchSql } from '#persistence/repositories/subscriber.repository.js';
import { containsPattern } from '#persistence/vietnamese-search.js';

/** One delivery as the CSV shows it: the recipient's name is resolved for stations, boards and accounts. */
export interface DeliveryExportRow {
  id: string;
  channel: string;
  endpoint: string;
  recipientName: string | null;
  status: DeliveryStatus;
  attempts: number;
  providerCode: string | null;
  failureReason: DeliveryFailureReason | null;
  failureKind: 'permanent' | 'exhausted' | null;
  notBefore: Date;
  sentAt: Date | null;
  finalAt: Date | null;
}

export interface SubscriberExportRow {
  id: string;
  phone: string;
  fullName: string | null;
  unitName: string;
  villageName: string | null;
  tags: string[];
  consentSource: string;
  consentAt: Date;
  optedOutAt: Date | null;
}

/** The subscribers list's filters, already normalised by the service (see SubscribersService.list). */
export interface SubscriberExportFilter {
  unitPath?: string;
  villageId?: string;
  tag?: string;
  phoneDigits?: string;
  name?: string;
  optedOut?: boolean;
}

/**
 * Keyset reads for the CSV exports: each batch continues after the last key of the one before, so a
 * 1,000,000-row export costs the same per batch at its end as at its start and memory holds one batch.
 * (No OFFSET: its cost grows with the page number.)
 */
@Injectable()
export class ExportQueryRepository {
  constructor(private readonly db: DataSource) {}

  /** The broadcast's unit, or null when the broadcast lies outside the caller's subtree. */
  async broadcastUnit(scope: UnitScope, broadcastId: string): Promise<{ unitId: string; timeZone: string | null } | null> {
    const rows: { unitId: string; timeZone: string | null }[] = await this.db.query(
      `SELECT b.unit_id AS "unitId", u.time_zone AS "timeZone"
         FROM broadcast b JOIN admin_unit u ON u.id = b.unit_id
        WHERE b.id = $1 AND u.path <@ $2::ltree`,
      [broadcastId, scope.unitPath],
    );
    return rows[0] ?? null;
  }

  /**
   * A broadcast's deliveries, occurrence by occurrence (in due order), then channel by channel (in the
   * domain's order), each read along the unique key (occurrence, channel, endpoint): every batch is one
   * index range, whatever the table's size or the planner's statistics. (Ordering by id with a broadcast
   * filter sorted every remaining row of the broadcast for each batch when the planner chose the
   * broadcast index: quadratic in the broadcast's size.)
   */
  async *deliveryBatches(broadcastId: string, batchSize: number): AsyncGenerator<DeliveryExportRow[]> {
    const occurrences: { id: string }[] = await this.db.query(`SELECT id FROM occurrence WHERE broadcast_id = $1 ORDER BY due_at, id`, [broadcastId]);
    for (const occurrence of occurrences) {
      for (const channel of CHANNELS) {
        let after = '';
        for (;;) {
          const rows: DeliveryExportRow[] = await this.db.query(
            `SELECT d.id::text, d.channel, d.endpoint, COALESCE(st.name, bo.name, ca.name) AS "recipientName", d.status, d.attempts,
                    d.provider_code AS "providerCode", d.failure_reason AS "failureReason", d.failure_kind AS "failureKind",
                    d.not_before AS "notBefore", d.sent_at AS "sentAt", d.final_at AS "finalAt"
               FROM delivery d
               LEFT JOIN station st ON d.channel = 'loudspeaker' AND st.id::text = d.endpoint
               LEFT JOIN board bo ON d.channel = 'board' AND bo.id::text = d.endpoint
               LEFT JOIN channel_account ca ON d.channel NOT IN ('sms', 'loudspeaker', 'board') AND ca.id::text = d.endpoint
              WHERE d.occurrence_id = $1 AND d.channel = $2 AND d.endpoint > $3
              ORDER BY d.endpoint LIMIT $4`,
            [occurrence.id, channel, after, batchSize],
          );
          if (rows.length > 0) yield rows;
          if (rows.length < batchSize) break;
          after = rows[rows.length - 1].endpoint;
        }
      }
    }
  }

  async *subscriberBatches(scope: UnitScope, filter: SubscriberExportFilter, batchSize: number): AsyncGenerator<SubscriberExportRow[]> {
    const params: unknown[] = [scope.unitPath];
    const where = ['u.path <@ $1::ltree'];
    const add = (sql: (n: number) => string, value: unknown) => where.push(sql(params.push(value)));
    if (filter.unitPath) add((n) => `u.path <@ $${n}::ltree`, filter.unitPath);
    if (filter.villageId) add((n) => `s.village_id = $${n}`, filter.villageId);
    if (filter.tag) add((n) => `s.tags @> ARRAY[$${n}]::text[]`, filter.tag);
    if (filter.optedOut !== undefined) where.push(filter.optedOut ? 's.opted_out_at IS NOT NULL' : 's.opted_out_at IS NULL');
    const either: string[] = [];
    if (filter.phoneDigits) either.push(`s.phone LIKE $${params.push(containsPattern(filter.phoneDigits))}`);
    if (filter.name) either.push(`${subscriberNameSearchSql('s.')} LIKE $${params.push(containsPattern(filter.name))}`);
    if (either.length) where.push(`(${either.join(' OR ')})`);
    let after: string | null = null;
    for (;;) {
      const keyset: string = after === null ? '' : ` AND s.id > $${params.length + 2}::uuid`;
      const rows: SubscriberExportRow[] = await this.db.query(
        `SELECT s.id, s.phone, s.full_name AS "fullName", u.name AS "unitName", v.name AS "villageName", s.tags,
                s.consent_source AS "consentSource", s.consent_at AS "consentAt", s.opted_out_at AS "optedOutAt"
           FROM subscriber s
           JOIN admin_unit u ON u.id = s.unit_id
           LEFT JOIN admin_unit v ON v.id = s.village_id
          WHERE ${where.join(' AND ')}${keyset}
          ORDER BY s.id LIMIT $${params.length + 1}`,
        after === null ? [...params, batchSize] : [...params, batchSize, after],
      );
      if (rows.length === 0) return;
      after = rows[rows.length - 1].id;
      yield rows;
      if (rows.length < batchSize) return;
    }
  }
}
