import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import {
  dailyCapFor,
  estimateCost,
  expandAhead,
  formatWallTime,
  localDayKey,
  startOfNextSendingDay,
  type Actor,
} from '#domain/index.js';
import { ChannelPolicyRepository, DeliveryRepository, SocialDeliveryRepository } from '#persistence/index.js';
import { BoardRepository } from '#board/board.repository.js';
import { StationPlaylistRepository } from '#loudspeaker/repositories/station-playlist.repository.js';
import { toDomainSchedule } from '../dispatch/schedule-mapping.js';
import type { BroadcastRequest } from './broadcast-request.js';
import { BroadcastValidator, type ValidatedBroadcast } from './broadcast-validator.js';
import { previewWarnings, type PreviewWarning } from './preview-warnings.js';

export interface BroadcastPreview {
  recipients: Record<string, number>;
  sms: { text: string; encoding: string; characters: number; parts: number; perPart: number; maxParts: number } | null;
  estimatedCost: { currency: 'VND'; perPart: number; perOccurrence: number; total: number } | null;
  timeZone: string;
  /** The first ten due times. */
  occurrences: { at: string; local: string }[];
  occurrenceCount: number;
  /** True when the schedule runs more than a year past its first due time: the count and total cover that year only. */
  occurrenceCountCapped: boolean;
  warnings: PreviewWarning[];
}

const YEAR_MS = 365 * 86_400_000;
const MAX_COUNTED = 10_000;

/** What a broadcast would do, without writing anything: recipients, cost, due times and what will wait or not go out. */
@Injectable()
export class BroadcastPreviewService {
  constructor(
    private readonly validator: BroadcastValidator,
    private readonly deliveries: DeliveryRepository,
    private readonly policies: ChannelPolicyRepository,
    private readonly boards: BoardRepository,
    private readonly stationPlaylists: StationPlaylistRepository,
    private readonly socialDeliveries: SocialDeliveryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async preview(actor: Actor, req: BroadcastRequest): Promise<BroadcastPreview> {
    const v = await this.validator.validate(actor, req);
    const recipients = await this.recipients(req, v);
    // The year counted starts at the first due time, so a broadcast set far ahead still counts.
    const from = new Date(Date.now() - 60_000);
    const yearEnd = new Date(v.firstOccurrences[0].getTime() + YEAR_MS);
    const { due, exhausted } = expandAhead(toDomainSchedule(req.schedule, v.timeZone), from, yearEnd, MAX_COUNTED);
    const perPart = this.config.sms.pricePerPartVnd;
    const perOccurrence = v.sms ? estimateCost(v.sms.parts, recipients.sms ?? 0, perPart) : 0;
    return {
      recipients,
      sms: v.sms && { text: v.smsText as string, encoding: v.sms.encoding, characters: v.sms.characters, parts: v.sms.parts, perPart: v.sms.perPart, maxParts: v.smsMaxParts },
      estimatedCost: v.sms ? { currency: 'VND', perPart, perOccurrence, total: perOccurrence * due.length } : null,
      timeZone: v.timeZone,
      occurrences: v.firstOccurrences.map((d) => ({ at: d.toISOString(), local: formatWallTime(d, v.timeZone) })),
      occurrenceCount: due.length,
      occurrenceCountCapped: !exhausted,
      warnings: await this.warnings(req, v, recipients, due),
    };
  }

  private async recipients(req: BroadcastRequest, v: ValidatedBroadcast): Promise<Record<string, number>> {
    const paths = v.targetUnits.map((u) => u.path);
    const recipients: Record<string, number> = {};
    if (req.channels.includes('sms')) {
      recipients.sms = await this.deliveries.countSmsRecipients({ targetPaths: paths, villageIds: req.targets.villageIds, tags: req.targets.tags });
    }
    if (req.channels.includes('board')) recipients.board = await this.boards.countTargets(paths, req.targets.villageIds);
    if (req.channels.includes('loudspeaker')) recipients.loudspeaker = await this.stationPlaylists.countTargetStations(paths, req.targets.villageIds);
    for (const channel of ['zalo', 'facebook'] as const) {
      if (req.channels.includes(channel)) recipients[channel] = await this.socialDeliveries.countAccounts(v.message.unitId, channel);
    }
    return recipients;
  }

  private async warnings(req: BroadcastRequest, v: ValidatedBroadcast, recipients: Record<string, number>, due: Date[]): Promise<PreviewWarning[]> {
    const paths = v.targetUnits.map((u) => u.path);
    const priority = v.version.priority;
    const sms = req.channels.includes('sms') ? await this.policies.get('sms') : null;
    const loudspeaker = req.channels.includes('loudspeaker') ? await this.policies.get('loudspeaker') : null;
    const cap = sms ? dailyCapFor(sms.dailyCap, priority) : null;
    const first = due[0] ?? v.firstOccurrences[0];
    const capped =
      cap === null || !recipients.sms
        ? null
        : {
            count: await this.deliveries.countCappedRecipients(
              { targetPaths: paths, villageIds: req.targets.villageIds, tags: req.targets.tags },
              localDayKey(first, v.timeZone),
              cap,
            ),
            cap,
            nextDay: startOfNextSendingDay(first, v.timeZone, sms?.quietHours ?? null),
          };
    return previewWarnings({
      channels: req.channels,
      priority,
      timeZone: v.timeZone,
      occurrences: due,
      recipients,
      quietHours: { sms: sms?.quietHours ?? null, loudspeaker: loudspeaker?.quietHours ?? null },
      capped,
      stationsWithoutSlots: recipients.loudspeaker ? await this.stationPlaylists.countTargetStationsWithoutSlots(paths, req.targets.villageIds) : 0,
      hasSocialRendition: Boolean(v.version.renditions.social),
    });
  }
}
