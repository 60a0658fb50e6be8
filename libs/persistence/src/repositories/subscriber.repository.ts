import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, type UnitScope } from '#domain/index.js';
import { isUniqueViolation } from '../pg-errors.js';
import { containsPattern, foldedSql, vietnameseCollation } from '../vietnamese-search.js';

/** The folded name subscribers are searched by; migration SubscriberSearchProgress indexes this exact expression. */
export function subscriberNameSearchSql(alias = ''): string {
  return foldedSql(`coalesce(${alias}full_name, '')`);
}

export const SUBSCRIBER_SORT_FIELDS = ['createdAt', 'updatedAt', 'fullName', 'phone'] as const;
export type SubscriberSortField = (typeof SUBSCRIBER_SORT_FIELDS)[number];

export interface SubscriberView {
  id: string;
  phone: string;
  fullName: string | null;
  unitId: string;
  unitName: string;
  villageId: string | null;
  villageName: string | null;
  tags: string[];
  consentSource: string;
  consentAt: Date;
  preferredLanguage: string;
  optedOut: boolean;
  optedOutAt: Date | null;
  optOutSource: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A subscriber with the path of its unit, for audit entries. */
export interface SubscriberRecord extends SubscriberView {
  unitPath: string;
}

export interface NewSubscriber {
  phone: string;
  fullName: string | null;
  unitId: string;
  villageId: string | null;
  tags: string[];
  consentSource: string;
  consentAt: Date;
  preferredLanguage: string;
}

export type SubscriberChanges = Partial<Pick<NewSubscriber, 'fullName' | 'unitId' | 'villageId' | 'tags' | 'preferredLanguage'>>;

export interface SubscriberFilter {
  /** Subscribers of the unit at this path and of the units below it. */
  unitPath?: string;
  villageId?: string;
  tag?: string;
  /** National digits ("912345"), matched anywhere in the number. */
  phoneDigits?: string;
  /** A name fragment, matched ignoring case and diacritics. */
  name?: string;
  optedOut?: boolean;
  sort: { field: SubscriberSortField; direction: 'asc' | 'desc' };
  limit: number;
  offset: number;
}

export interface VillageRef {
  id: string;
  name: string;
  fullName: string;
  code: string | null;
}

const SELECT_VIEW = `
  SELECT s.id, s.phone, s.full_name, s.unit_id, u.name AS unit_name, s.village_id, v.name AS village_name, s.tags,
         s.consent_source, s.consent_at, s.preferred_language, s.opted_out_at, s.opt_out_source, s.created_at, s.updated_at,
         u.path::text AS unit_path
    FROM subscriber s
    JOIN admin_unit u ON u.id = s.unit_id
    LEFT JOIN admin_unit v ON v.id = s.village_id`;

/** Villages strictly below the unit at $1. */
const SELECT_VILLAGES = `
  SELECT id, name, full_name AS "fullName", code FROM admin_unit WHERE level = 'village' AND path <@ $1::ltree AND path <> $1::ltree`;

/** Citizens who receive SMS. Reads are scoped by the subscriber's unit: outside the caller's subtree, a subscriber does not exist. */
@Injectable()
export class SubscriberRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}


  /** `lock` holds the row until the transaction ends, so concurrent changes apply one after the other. */
  async findInScope(scope: UnitScope, id: string, manager: EntityManager = this.db.manager, lock = false): Promise<SubscriberRecord | null> {
    const rows = await manager.query(`${SELECT_VIEW} WHERE s.id = $1 AND u.path <@ $2::ltree${lock ? ' FOR NO KEY UPDATE OF s' : ''}`, [
      id,
      scope.unitPath,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Unscoped, by number: for inbound SMS, which act for the citizen rather than for an officer. Locks the row. */
  async lockByPhone(phone: string, manager: EntityManager): Promise<SubscriberRecord | null> {
    const rows = await manager.query(`${SELECT_VIEW} WHERE s.phone = $1 FOR NO KEY UPDATE OF s`, [phone]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async search(scope: UnitScope, filter: SubscriberFilter): Promise<{ items: SubscriberView[]; total: number }> {
    const params: unknown[] = [scope.unitPath];
    const where = ['u.path <@ $1::ltree'];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (filter.unitPath) add((n) => `u.path <@ $${n}::ltree`, filter.unitPath);
    if (filter.villageId) add((n) => `s.village_id = $${n}`, filter.villageId);
    if (filter.tag) add((n) => `s.tags @> ARRAY[$${n}]::text[]`, filter.tag);
    if (filter.optedOut !== undefined) where.push(filter.optedOut ? 's.opted_out_at IS NOT NULL' : 's.opted_out_at IS NULL');
    if (filter.phoneDigits || filter.name) {
      const either: string[] = [];
      if (filter.phoneDigits) {
        params.push(containsPattern(filter.phoneDigits));
        either.push(`s.phone LIKE $${params.length}`);
      }
      if (filter.name) {
        params.push(containsPattern(filter.name));
        either.push(`${subscriberNameSearchSql('s.')} LIKE $${params.length}`);
      }
      where.push(`(${either.join(' OR ')})`);
    }
    const whereSql = where.join(' AND ');
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM subscriber s JOIN admin_unit u ON u.id = s.unit_id WHERE ${whereSql}`,
      params,
    );
    const rows = await this.db.query(
      `${SELECT_VIEW} WHERE ${whereSql} ORDER BY ${await this.orderBy(filter.sort)} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { total, items: rows.map((r: Record<string, unknown>) => toView(r)) };
  }

  /** Names sort in Vietnamese order, nameless subscribers last either way. */
  private async orderBy(sort: SubscriberFilter['sort']): Promise<string> {
    const direction = sort.direction === 'desc' ? 'DESC' : 'ASC';
    const keys: Record<SubscriberSortField, () => Promise<string> | string> = {
      createdAt: () => `s.created_at ${direction}`,
      updatedAt: () => `s.updated_at ${direction}`,
      fullName: async () => `s.full_name COLLATE ${await vietnameseCollation(this.db)} ${direction} NULLS LAST`,
      phone: () => `s.phone ${direction}`,
    };
    return `${await keys[sort.field]()}, s.id`;
  }

  /** One subscriber per number: a number already subscribed, anywhere, is a ConflictError naming the phone. */
  async insert(input: NewSubscriber, manager: EntityManager): Promise<string> {
    try {
      const [{ id }] = await manager.query(
        `INSERT INTO subscriber (phone, full_name, unit_id, village_id, tags, consent_source, consent_at, preferred_language)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [input.phone, input.fullName, input.unitId, input.villageId, input.tags, input.consentSource, input.consentAt, input.preferredLanguage],
      );
      return id;
    } catch (error) {
      if (!isUniqueViolation(error, 'uq_subscriber_phone')) throw error;
      const message = 'Số điện thoại này đã có trong danh sách nhận tin (mỗi số chỉ đăng ký một lần)';
      throw new ConflictError('subscriber.phone-taken', message, [{ field: 'phone', rule: 'unique', message }]);
    }
  }

  async update(id: string, changes: SubscriberChanges, manager: EntityManager): Promise<void> {
    const columns: Record<keyof SubscriberChanges, string> = {
      fullName: 'full_name',
      unitId: 'unit_id',
      villageId: 'village_id',
      tags: 'tags',
      preferredLanguage: 'preferred_language',
    };
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [key, column] of Object.entries(columns) as [keyof SubscriberChanges, string][]) {
      if (changes[key] === undefined) continue;
      params.push(changes[key]);
      sets.push(`${column} = $${params.length}`);
    }
    if (sets.length === 0) return;
    await manager.query(`UPDATE subscriber SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
  }

  /** Opts the number out now; false when it was already opted out (the first opt-out's time and source stay). */
  async optOut(id: string, source: string, manager: EntityManager): Promise<boolean> {
    const result: [unknown[], number] = await manager.query(
      `UPDATE subscriber SET opted_out_at = now(), opt_out_source = $2, updated_at = now() WHERE id = $1 AND opted_out_at IS NULL`,
      [id, source],
    );
    return result[1] === 1;
  }

  /** Opts the number back in: a fresh consent, recorded with its source and time. False when it was not opted out. */
  async optIn(id: string, consentSource: string, manager: EntityManager): Promise<boolean> {
    const result: [unknown[], number] = await manager.query(
      `UPDATE subscriber SET opted_out_at = NULL, opt_out_source = NULL, consent_source = $2, consent_at = now(), updated_at = now()
        WHERE id = $1 AND opted_out_at IS NOT NULL`,
      [id, consentSource],
    );
    return result[1] === 1;
  }

  /** The village when it is a village below the unit, else null. */
  async findVillageUnder(unitPath: string, villageId: string, manager: EntityManager = this.db.manager): Promise<VillageRef | null> {
    const rows: VillageRef[] = await manager.query(`${SELECT_VILLAGES} AND id = $2`, [unitPath, villageId]);
    return rows[0] ?? null;
  }

  async villagesUnder(unitPath: string): Promise<VillageRef[]> {
    return this.db.query(`${SELECT_VILLAGES} ORDER BY depth, id`, [unitPath]);
  }
}

function toView(row: Record<string, unknown>): SubscriberView {
  return {
    id: row.id as string,
    phone: row.phone as string,
    fullName: row.full_name as string | null,
    unitId: row.unit_id as string,
    unitName: row.unit_name as string,
    villageId: row.village_id as string | null,
    villageName: row.village_name as string | null,
    tags: row.tags as string[],
    consentSource: row.consent_source as string,
    consentAt: row.consent_at as Date,
    preferredLanguage: row.preferred_language as string,
    optedOut: row.opted_out_at !== null,
    optedOutAt: row.opted_out_at as Date | null,
    optOutSource: row.opt_out_source as string | null,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}

function toRecord(row: Record<string, unknown>): SubscriberRecord {
  return { ...toView(row), unitPath: row.unit_path as string };
}
