import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { localDate, localDayBounds, smsBody, smsSegments, type Actor } from '#domain/index.js';
import { UnitRepository } from '#persistence/index.js';
import { BroadcastViewRepository, type CalendarOccurrenceRow } from '#persistence/repositories/broadcast-view.repository.js';
import {
  DashboardRepository,
  type AlertCounts,
  type InboxMessageRow,
  type MonthCounts,
  type ReturnedMessageRow,
  type RunningBroadcastRow,
} from '#persistence/repositories/dashboard.repository.js';

export type UpcomingOccurrence = Pick<CalendarOccurrenceRow, 'occurrenceId' | 'broadcastId' | 'dueAt' | 'status' | 'messageTitle' | 'channels' | 'priority'>;

export interface Alert {
  count: number;
  /** Where the console shows the matter. */
  href: string;
}

export interface Dashboard {
  waiting: { returned: ReturnedMessageRow[]; inbox: InboxMessageRow[]; inboxTotal: number };
  upcoming: { today: UpcomingOccurrence[]; next7Days: UpcomingOccurrence[] };
  running: RunningBroadcastRow[];
  alerts: Record<keyof AlertCounts, Alert>;
  month: MonthCounts & { smsParts: number; smsCostVnd: number };
}

const LIST_LIMIT = 10;
const UPCOMING_LIMIT = 50;
const DAY_MS = 86_400_000;

/** The console path each alert opens. */
const ALERT_HREF: Record<keyof AlertCounts, string> = {
  heldOccurrences: '/broadcasts?status=held',
  deferredDeliveries: '/broadcasts?status=running',
  exhaustedDeliveries: '/broadcasts?status=partially-failed',
  stationsOffline: '/stations',
  boardsOffline: '/boards',
  accountsNeedingReconnect: '/admin/channel-accounts',
};

/** "What do I do now?": what waits for the caller, what goes out soon or now, what needs attention, the month's figures. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dashboard: DashboardRepository,
    private readonly views: BroadcastViewRepository,
    private readonly units: UnitRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forActor(actor: Actor): Promise<Dashboard> {
    const timeZone = (await this.units.findRef(actor.unitId))?.timeZone ?? this.config.defaultTimeZone;
    const now = new Date();
    const today = localDate(now, timeZone);
    const todayEnd = localDayBounds(today, timeZone).to;
    const weekEnd = localDayBounds(shiftDate(today, 8), timeZone).from;
    const upcoming = await this.views.occurrences(actor, { from: now, to: weekEnd, statuses: ['pending', 'held'], limit: UPCOMING_LIMIT * 2 });
    const pick = ({ occurrenceId, broadcastId, dueAt, status, messageTitle, channels, priority }: CalendarOccurrenceRow) =>
      ({ occurrenceId, broadcastId, dueAt, status, messageTitle, channels, priority });
    const inbox = actor.role === 'supervisor' ? await this.dashboard.inbox(actor, actor, LIST_LIMIT) : { items: [], total: 0 };
    const counts = await this.dashboard.alerts(actor, {
      stationSeconds: this.config.stationOfflineAfterSeconds,
      boardSeconds: this.config.boardOfflineAfterSeconds,
    });
    const alerts = Object.fromEntries(
      (Object.keys(ALERT_HREF) as (keyof AlertCounts)[]).map((k) => [k, { count: counts[k], href: ALERT_HREF[k] }]),
    ) as Dashboard['alerts'];
    return {
      waiting: { returned: await this.dashboard.returnedTo(actor, actor.userId, LIST_LIMIT), inbox: inbox.items, inboxTotal: inbox.total },
      upcoming: {
        today: upcoming.filter((o) => o.dueAt < todayEnd).slice(0, UPCOMING_LIMIT).map(pick),
        next7Days: upcoming.filter((o) => o.dueAt >= todayEnd).slice(0, UPCOMING_LIMIT).map(pick),
      },
      running: await this.dashboard.running(actor, LIST_LIMIT),
      alerts,
      month: await this.month(actor, today, timeZone),
    };
  }

  private async month(actor: Actor, today: string, timeZone: string): Promise<Dashboard['month']> {
    const [year, month] = today.split('-').map(Number);
    const next = new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
    const from = localDayBounds(`${today.slice(0, 7)}-01`, timeZone).from;
    const to = localDayBounds(next, timeZone).from;
    const counts = await this.dashboard.month(actor, from, to);
    const smsParts = (await this.dashboard.smsSentByText(actor, from, to)).reduce(
      (n, r) => n + (r.sms ? smsSegments(smsBody(r.sms, r.withoutDiacritics)).parts * r.sent : 0),
      0,
    );
    return { ...counts, smsParts, smsCostVnd: smsParts * this.config.sms.pricePerPartVnd };
  }
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
