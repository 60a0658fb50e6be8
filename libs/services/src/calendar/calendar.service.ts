import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { InvalidInputError, NotFoundError, expandSlots, localDayBounds, type Actor } from '#domain/index.js';
import {
  BroadcastViewRepository,
  type CalendarOccurrenceRow,
} from '#persistence/repositories/broadcast-view.repository.js';
import { StationRepository } from '#loudspeaker/repositories/station.repository.js';

export const MAX_CALENDAR_DAYS = 62;
const DAY_MS = 86_400_000;
/** A calendar range cannot hold more in practice; the cap keeps a runaway schedule from flooding the page. */
const MAX_OCCURRENCES = 5_000;

export interface ProgrammeItem {
  broadcastId: string;
  messageTitle: string;
  priority: 'normal' | 'priority' | 'emergency';
  durationSeconds: number;
  status: string;
}

export interface ProgrammeSlot {
  slotId: string;
  label: string;
  startsAt: Date;
  endsAt: Date;
  items: ProgrammeItem[];
}

export interface StationProgramme {
  stationId: string;
  date: string;
  timeZone: string;
  slots: ProgrammeSlot[];
}

/** The calendar of occurrences and a station's day programme, for the subtree of the caller. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly views: BroadcastViewRepository,
    private readonly stations: StationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  occurrences(actor: Actor, q: { from: Date; to: Date; channel?: string; unitId?: string }): Promise<CalendarOccurrenceRow[]> {
    if (q.to.getTime() <= q.from.getTime()) {
      throw new InvalidInputError([{ field: 'to', rule: 'after-from', message: 'Thời điểm kết thúc phải sau thời điểm bắt đầu' }]);
    }
    if (q.to.getTime() - q.from.getTime() > MAX_CALENDAR_DAYS * DAY_MS) {
      throw new InvalidInputError([{ field: 'to', rule: 'range', message: `Khoảng thời gian tối đa là ${MAX_CALENDAR_DAYS} ngày` }]);
    }
    return this.views.occurrences(actor, { ...q, limit: MAX_OCCURRENCES });
  }

  /** The slots airing that local day and what is placed in each, in playing order. */
  async programme(actor: Actor, stationId: string, date: string): Promise<StationProgramme> {
    const station = await this.stations.findInScope(actor, stationId);
    if (!station) throw new NotFoundError('station');
    const timeZone = station.timeZone ?? this.config.defaultTimeZone;
    const { from, to } = localDayBounds(date, timeZone);
    const slots = await this.stations.slotsOfStation(stationId);
    const windows = expandSlots(slots, from, to, timeZone);
    const items = await this.stations.placedItems(stationId, from, to);
    const labels = new Map(slots.map((s) => [s.id, s.label]));
    return {
      stationId,
      date,
      timeZone,
      slots: windows.map((w) => ({
        slotId: w.slotId,
        label: labels.get(w.slotId) ?? '',
        startsAt: w.start,
        endsAt: w.end,
        items: items
          .filter((i) => i.slotId === w.slotId && i.airsAt.getTime() === w.start.getTime())
          .map(({ broadcastId, messageTitle, priority, durationSeconds, status }) => ({ broadcastId, messageTitle, priority, durationSeconds, status })),
      })),
    };
  }
}
