import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { BroadcastRepository, type BroadcastRow } from '#persistence/index.js';
import { MessageRepository } from '#persistence/repositories/message.repository.js';
import { CHANNEL_DEFINITIONS, channelOf, plannedBatches, type ChannelDefinition } from '#engine/channel-definition.js';
import { shortenToParts } from './emergency-renditions.js';
import { EmergencyChangeRepository } from './emergency-change.repository.js';

export interface FollowUp {
  broadcastId: string;
  occurrenceId: string;
  deliveries: number;
  batches: number;
}

export type FollowUpKind = 'update' | 'cancel';

/** "Hủy bỏ thông báo: <title>" in one SMS part; an update carries the new text within the emergency's parts. */
export function followUpSms(kind: FollowUpKind, title: string, body: string, maxParts: number): string {
  if (kind === 'cancel') return shortenToParts(`Hủy bỏ thông báo: ${title}`, 1);
  return shortenToParts(`Cập nhật thông báo: ${title}: ${body}`, maxParts);
}

/**
 * The one short SMS that follows an update or a cancellation, only to the phones the emergency's SMS
 * was handed to (sent or delivered), once each. It is a broadcast of its own (its message approved by
 * the same person, priority emergency: no quiet hours, no daily cap; opted-out numbers are skipped at
 * send time as always) whose single occurrence is planned here, inside the change's transaction, with
 * exactly those recipients; its batches are woken after commit (the reconciler wakes them if not).
 */
@Injectable()
export class EmergencyFollowUps {
  constructor(
    private readonly messages: MessageRepository,
    private readonly broadcasts: BroadcastRepository,
    private readonly changes: EmergencyChangeRepository,
    @Inject(CHANNEL_DEFINITIONS) private readonly channels: ChannelDefinition[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Null when the emergency did not go out by SMS or reached nobody yet. */
  async write(m: EntityManager, original: BroadcastRow, kind: FollowUpKind, content: { title: string; body: string }, authorId: string): Promise<FollowUp | null> {
    if (!original.channels.includes('sms') || (await this.changes.countSmsReached(m, original.id)) === 0) return null;
    const sms = followUpSms(kind, content.title, content.body, original.smsMaxParts);
    const title = `${kind === 'cancel' ? 'Hủy bỏ' : 'Cập nhật'} thông báo: ${content.title}`.slice(0, 200);
    const messageId = await this.messages.insert(
      {
        unitId: original.unitId,
        authorId,
        content: {
          title,
          body: sms,
          contentGroup: 'local-responsibility',
          reformAreas: [],
          indices: [],
          audiences: ['citizens'],
          priority: 'emergency',
          renditions: { sms },
          attachmentIds: [],
        },
      },
      m,
    );
    await this.messages.markSubmitted(messageId, original.unitId, m);
    await this.messages.markApproved(messageId, authorId, 1, m);
    const now = new Date();
    const broadcastId = await this.broadcasts.insert(m, {
      unitId: original.unitId,
      messageId,
      messageVersion: 1,
      createdBy: authorId,
      channels: ['sms'],
      targets: original.targets,
      schedule: { kind: 'once', at: now.toISOString() },
      timeZone: original.timeZone,
      smsWithoutDiacritics: false,
      smsMaxParts: original.smsMaxParts,
      priority: 'emergency',
    });
    const batchSize = this.config.sms.batchSize;
    const occurrenceId = await this.changes.insertPlannedOccurrence(m, broadcastId, now);
    const deliveries = await this.changes.planFollowUps(m, { fromBroadcastId: original.id, occurrenceId, broadcastId, notBefore: now, batchSize });
    const batches = Math.ceil(deliveries / batchSize);
    return { broadcastId, occurrenceId, deliveries, batches };
  }

  /** After commit: the follow-up's batches go to the urgent SMS lane. */
  async wake(followUp: FollowUp | null): Promise<void> {
    if (!followUp?.batches) return;
    const broadcast = (await this.broadcasts.findById(followUp.broadcastId)) as BroadcastRow;
    const sms = channelOf(this.channels, 'sms');
    await sms.wake?.(plannedBatches(followUp.occurrenceId, broadcast, { channel: 'sms', deliveries: followUp.deliveries, batches: followUp.batches, wakeAt: new Date() }));
  }
}
