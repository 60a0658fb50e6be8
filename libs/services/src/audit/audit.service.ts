import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { assertCanReadAudit, InvalidInputError, localDate, localDayBounds, NotFoundError, type Actor } from '#domain/index.js';
import { AuditRepository, UnitRepository } from '#persistence/index.js';
import type { AuditFilter, AuditRow } from '#persistence/repositories/audit.repository.js';
import { auditCsv } from './audit-csv.js';

/** The filters as the API takes them: a period of dates (the caller's zone) or instants, and a unit of the subtree. */
export interface AuditQuery extends Omit<AuditFilter, 'unitPath' | 'from' | 'to'> {
  unitId?: string;
  /** 'YYYY-MM-DD' (from the start of that day in the caller's zone) or an ISO instant, inclusive. */
  from?: string;
  /** 'YYYY-MM-DD' (to the end of that day in the caller's zone) or an ISO instant, exclusive. */
  to?: string;
}

/** Rows read per query while exporting: memory holds one batch whatever the size of the log. */
const EXPORT_BATCH = 500;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The append-only log of the caller's subtree, for its supervisors and administrators. */
@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly units: UnitRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, query: AuditQuery & { limit: number; offset: number }): Promise<{ items: AuditRow[]; total: number }> {
    assertCanReadAudit(actor);
    const { filter } = await this.resolve(actor, query);
    return this.audit.list(actor, { ...filter, limit: query.limit, offset: query.offset });
  }

  /**
   * The same events as CSV lines, produced batch by batch as the response is written. Permission and
   * filters are checked before the first line, so a refusal is an ordinary error answer, not a cut stream.
   */
  async exportCsv(actor: Actor, query: AuditQuery): Promise<{ fileName: string; lines: AsyncIterable<string> }> {
    assertCanReadAudit(actor);
    const { filter, timeZone } = await this.resolve(actor, query);
    return {
      fileName: `nhat-ky-hoat-dong-${localDate(new Date(), timeZone)}.csv`,
      lines: auditCsv(this.audit.batches(actor, filter, EXPORT_BATCH), timeZone),
    };
  }

  private async resolve(actor: Actor, query: AuditQuery): Promise<{ filter: AuditFilter; timeZone: string }> {
    const { unitId, from, to, ...rest } = query;
    let unitPath: string | undefined;
    if (unitId !== undefined) {
      const unit = await this.units.findInScope(actor, unitId);
      if (!unit) throw new NotFoundError('unit');
      unitPath = unit.path;
    }
    const timeZone = (await this.units.findRef(actor.unitId))?.timeZone ?? this.config.defaultTimeZone;
    const fromAt = from === undefined ? undefined : DATE_ONLY.test(from) ? localDayBounds(from, timeZone).from : new Date(from);
    const toAt = to === undefined ? undefined : DATE_ONLY.test(to) ? localDayBounds(to, timeZone).to : new Date(to);
    if (fromAt && toAt && fromAt >= toAt) {
      throw new InvalidInputError([{ field: 'to', rule: 'after-from', message: 'phải sau thời điểm bắt đầu (from)' }]);
    }
    return { filter: { ...rest, unitPath, from: fromAt, to: toAt }, timeZone };
  }
}
