import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { foldVietnamese, type UnitScope } from '../../../domain/src/index.js';

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
  limit: number;
  offset: number;
}

export interface VillageRef {
  id: string;
  name: string;
  fullName: string;
  code: string | null;
}

/**
 * Vietnamese letters with marks mapped to their base letter, for translate(): the name search folds in
 * SQL the way foldVietnamese folds in TypeScript, without an extension or a stored search column.
 */
const FOLD_FROM_TO = (() => {
  let from = '';
  let to = '';
  for (let cp = 0xc0; cp <= 0x1ef9; cp++) {
    const char = String.fromCodePoint(cp);
    const folded = foldVietnamese(char);
    if (/^[a-z]$/.test(folded) && folded !== char) {
      from += char;
      to += folded;
    }
  }
  return { from, to };
})();

const SELECT_VIEW = `
  SELECT s.id, s.phone, s.full_name, s.unit_id, u.name AS unit_name, s.village_id, v.name AS village_name, s.tags,
         s.consent_source, s.consent_at, s.preferred_language, s.opted_out_at, s.opt_out_source, s.created_at, s.updated_at,
         u.path::text AS unit_path
    FROM subscriber s
    JOIN admin_unit u ON u.id = s.unit_id
    LEFT JOIN admin_unit v ON v.id = s.village_id`;

/** Citizens who receive SMS. Reads are scoped by the subscriber's unit: outside the caller's subtree, a subscriber does not exist. */
@Injectable()
export class SubscriberRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

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
        params.push(escapeLike(filter.phoneDigits));
        either.push(`s.phone LIKE '%' || $${params.length} || '%'`);
      }
      if (filter.name) {
        params.push(escapeLike(filter.name), FOLD_FROM_TO.from, FOLD_FROM_TO.to);
        const n = params.length;
        either.push(`lower(translate(coalesce(s.full_name, ''), $${n - 1}, $${n})) LIKE '%' || $${n - 2} || '%'`);
      }
      where.push(`(${either.join(' OR ')})`);
    }
    const whereSql = where.join(' AND ');
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM subscriber s JOIN admin_unit u ON u.id = s.unit_id WHERE ${whereSql}`,
      params,
    );
    const rows = await this.db.query(
      `${SELECT_VIEW} WHERE ${whereSql} ORDER BY s.created_at DESC, s.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { total, items: rows.map((r: Record<string, unknown>) => toView(r)) };
  }

  async insert(input: NewSubscriber, manager: EntityManager): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO subscriber (phone, full_name, unit_id, village_id, tags, consent_source, consent_at, preferred_language)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [input.phone, input.fullName, input.unitId, input.villageId, input.tags, input.consentSource, input.consentAt, input.preferredLanguage],
    );
    return id;
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
    const rows = await manager.query(
      `SELECT id, name, full_name, code FROM admin_unit WHERE id = $1 AND level = 'village' AND path <@ $2::ltree AND path <> $2::ltree`,
      [villageId, unitPath],
    );
    return rows[0] ? { id: rows[0].id, name: rows[0].name, fullName: rows[0].full_name, code: rows[0].code } : null;
  }

  async villagesUnder(unitPath: string): Promise<VillageRef[]> {
    const rows: { id: string; name: string; full_name: string; code: string | null }[] = await this.db.query(
      `SELECT id, name, full_name, code FROM admin_unit WHERE level = 'village' AND path <@ $1::ltree AND path <> $1::ltree ORDER BY depth, id`,
      [unitPath],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, fullName: r.full_name, code: r.code }));
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
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
