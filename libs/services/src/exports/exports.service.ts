import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { excelCsv, foldVietnamese, localDate, NotFoundError, type Actor } from '#domain/index.js';
import { UnitRepository } from '#persistence/index.js';
import { normaliseTags, phoneDigitsOf } from '../subscribers/subscriber-fields.js';
import { deliveryCells, DELIVERY_CSV_HEADER, subscriberCells, SUBSCRIBER_CSV_HEADER } from './export-csv.js';
import { ExportQueryRepository } from './export-query.repository.js';

/** Rows read per query: a few thousand keeps round trips few and memory at one batch, whatever the export's size. */
export const EXPORT_BATCH = 2_000;

export interface CsvExport {
  fileName: string;
  lines: AsyncIterable<string>;
}

/** The subscribers list's filters (see SubscribersQueryDto). */
export interface SubscriberExportQuery {
  unitId?: string;
  villageId?: string;
  tag?: string;
  q?: string;
  optedOut?: boolean;
}

/**
 * CSV files an officer can file (UTF-8 with BOM, see excelCsv). Scope and filters are checked before
 * the first line, so a refusal is an ordinary error answer; the lines are then read batch by batch as
 * the response drains. Numbers are whole only for supervisors and administrators.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly query: ExportQueryRepository,
    private readonly units: UnitRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async deliveriesCsv(actor: Actor, broadcastId: string): Promise<CsvExport> {
    const broadcast = await this.query.broadcastUnit(actor, broadcastId);
    if (!broadcast) throw new NotFoundError('broadcast');
    const timeZone = broadcast.timeZone ?? this.config.defaultTimeZone;
    const whole = seesWholeNumbers(actor);
    return {
      fileName: `ket-qua-gui-${broadcastId.slice(0, 8)}-${localDate(new Date(), timeZone)}.csv`,
      lines: excelCsv(DELIVERY_CSV_HEADER, this.query.deliveryBatches(broadcastId, EXPORT_BATCH), (row) => deliveryCells(row, timeZone, whole)),
    };
  }

  async subscribersCsv(actor: Actor, query: SubscriberExportQuery): Promise<CsvExport> {
    let unitPath: string | undefined;
    if (query.unitId !== undefined) {
      const unit = await this.units.findInScope(actor, query.unitId);
      if (!unit) throw new NotFoundError('unit');
      unitPath = unit.path;
    }
    const timeZone = (await this.units.findRef(actor.unitId))?.timeZone ?? this.config.defaultTimeZone;
    // The same reading of q as the list: digits search the number, anything else the folded name.
    const q = query.q?.trim() ?? '';
    const phoneDigits = q ? phoneDigitsOf(q) : null;
    const folded = q ? foldVietnamese(q) : '';
    const filter = {
      unitPath,
      villageId: query.villageId,
      tag: query.tag === undefined ? undefined : normaliseTags([query.tag])[0],
      phoneDigits: phoneDigits ?? undefined,
      name: phoneDigits === null && folded ? folded : undefined,
      optedOut: query.optedOut,
    };
    const whole = seesWholeNumbers(actor);
    return {
      fileName: `nguoi-nhan-tin-${localDate(new Date(), timeZone)}.csv`,
      lines: excelCsv(SUBSCRIBER_CSV_HEADER, this.query.subscriberBatches(actor, filter, EXPORT_BATCH), (row) => subscriberCells(row, timeZone, whole)),
    };
  }
}

/** Officers get numbers masked to their last 3 digits; supervisors and administrators answer for the list. */
function seesWholeNumbers(actor: Actor): boolean {
  return actor.role !== 'officer';
}
