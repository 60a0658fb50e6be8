import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { dailyCapFor, isDeliveryError, localDayKey, smsBody, startOfNextSendingDay, type Priority } from '#domain/index.js';
import {
  BroadcastRepository,
  ChannelPolicyRepository,
  DeliveryRepository,
  MessageContentRepository,
  type ChannelPolicy,
  type ClaimedDelivery,
  type DeliveryOutcome,
  TransactionRunner,
} from '#persistence/index.js';
import { SmsDeliveryRepository } from './repositories/sms-delivery.repository.js';
import { JOBS, JobQueue, type SmsBatchPayload } from '#queue/index.js';
import type { SmsProvider, SmsSender } from './sms-provider.js';
import { failureOutcome, retryBackoff, type RetryPolicy } from '#engine/dispatch/delivery-failure.js';
import { SubscriberOptOutRepository } from './subscriber-opt-out.repository.js';
import { RateLimiter, type Lane } from '#engine/dispatch/rate-limiter.js';
import { SMS_PROVIDER } from './sms-providers.js';
import { smsStatusCallbackUrl } from './sms-webhooks.service.js';
import { SmsSenderProfileRepository } from './repositories/sms-sender-profile.repository.js';
import { countSends, observeProviderCall } from '#metrics/index.js';

interface BatchContext {
  cancelled: boolean;
  priority: Priority;
  text: string;
  timeZone: string;
  /** The broadcast's unit, whose province may have registered a sender (brandname). */
  unitPath: string;
}

/**
 * Sends one batch of an occurrence's SMS deliveries. Rows are claimed a chunk at a time ('sending'
 * is committed before the provider is called), so a crash leaves at most two chunks in doubt (one
 * on the wire, one being recorded), and the reconciler marks those 'unknown' instead of sending them
 * again. Provider failures are classified
 * and recorded per delivery; only infrastructure errors are thrown (BullMQ retries the job).
 */
@Injectable()
export class SmsDispatchService {
  private readonly logger = new Logger(SmsDispatchService.name);
  private readonly retry: RetryPolicy;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly broadcasts: BroadcastRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly smsDeliveries: SmsDeliveryRepository,
    private readonly messages: MessageContentRepository,
    private readonly policies: ChannelPolicyRepository,
    private readonly optOuts: SubscriberOptOutRepository,
    private readonly limiter: RateLimiter,
    private readonly jobs: JobQueue,
    private readonly senderProfiles: SmsSenderProfileRepository,
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.retry = { maxAttempts: config.sms.maxAttempts, backoff: retryBackoff(config) };
  }

  async processBatch(payload: SmsBatchPayload, lane: Lane): Promise<{ sent: number; failed: number; retrying: number }> {
    const totals = { sent: 0, failed: 0, retrying: 0 };
    const context = await this.context(payload.occurrenceId);
    if (!context || context.cancelled) return totals;
    const provider = this.provider;
    if (!provider) throw new Error('SMS channel is disabled (no provider configured) but an SMS batch was queued');
    const policy = await this.policies.get('sms');
    const sender = await this.senderFor(context.unitPath, provider.name);
    await this.smsDeliveries.skipOptedOut(payload.occurrenceId, payload.batchNo);

    // A chunk's outcomes are recorded while the next chunk is claimed and sent, so the provider is not
    // left idle during the settle transaction. Claiming stays strictly before sending: at a crash the
    // rows in doubt are the chunk on the wire and the one being recorded, both really sent.
    let recording: Promise<void> | null = null;
    try {
      for (;;) {
        // As many as the account allows now (at least one), up to a chunk: the first SMS of a batch
        // does not wait for a whole chunk of tokens.
        const chunkSize = await this.limiter.acquireUpTo(provider.accountKey, this.config.sms.sendConcurrency, this.config.sms.ratePerSecond, lane);
        const claimed = await this.claimChunk(payload, provider.name, chunkSize, context, policy);
        if (claimed.length === 0) break;
        const outcomes = await Promise.all(claimed.map((d) => this.sendOne(provider, d, context.text, sender)));
        if (recording) await recording;
        recording = this.record(outcomes, totals).then(() => countSends('sms', provider.name, outcomes));
        // Awaited on the next turn or in finally; this only keeps an early failure from counting as unhandled.
        recording.catch(() => undefined);
      }
    } finally {
      if (recording) await recording;
    }
    await this.scheduleWake(payload, lane);
    return totals;
  }

  private async record(outcomes: DeliveryOutcome[], totals: { sent: number; failed: number; retrying: number }): Promise<void> {
    await this.deliveries.settle(outcomes);
    await this.optOuts.optOutRefused(outcomes);
    for (const o of outcomes) {
      if (o.status === 'sent' || o.status === 'delivered') totals.sent += 1;
      else if (o.status === 'planned') totals.retrying += 1;
      else totals.failed += 1;
    }
  }

  private async claimChunk(
    payload: SmsBatchPayload,
    providerName: string,
    limit: number,
    context: BatchContext,
    policy: ChannelPolicy,
  ): Promise<ClaimedDelivery[]> {
    return this.transactions.run(async (m) => {
      const claimed = await this.deliveries.claim(m, {
        occurrenceId: payload.occurrenceId,
        channel: 'sms',
        batchNo: payload.batchNo,
        limit,
        provider: providerName,
      });
      const cap = dailyCapFor(policy.dailyCap, context.priority);
      if (cap === null || claimed.length === 0) return claimed;
      const now = new Date();
      const day = localDayKey(now, context.timeZone);
      const over = await this.smsDeliveries.countAgainstDailyCap(m, claimed.map((d) => d.endpoint), day, cap);
      if (over.size === 0) return claimed;
      const tomorrow = startOfNextSendingDay(now, context.timeZone, policy.quietHours);
      await this.deliveries.release(m, claimed.filter((d) => over.has(d.endpoint)), tomorrow, 'daily-cap');
      return claimed.filter((d) => !over.has(d.endpoint));
    });
  }

  private async sendOne(provider: SmsProvider, d: ClaimedDelivery, body: string, sender: SmsSender | null): Promise<DeliveryOutcome> {
    const startedAt = new Date();
    try {
      const result = await provider.send({
        deliveryId: d.id,
        to: d.endpoint,
        body,
        statusCallbackUrl: smsStatusCallbackUrl(this.config.publicBaseUrl, provider.name, d.id),
        sender,
      });
      observeProviderCall('sms', provider.name, startedAt);
      return {
        id: d.id,
        dueAt: d.dueAt,
        startedAt,
        status: result.status,
        attemptOutcome: 'sent',
        providerMessageId: result.providerMessageId,
      };
    } catch (error) {
      observeProviderCall('sms', provider.name, startedAt);
      if (!isDeliveryError(error)) this.logger.error({ err: error, deliveryId: d.id }, 'unclassified provider error');
      return failureOutcome(d, error, startedAt, this.retry);
    }
  }

  /** Deliveries of the batch still waiting (retry backoff, daily cap): a delayed job wakes the batch again. */
  private async scheduleWake(payload: SmsBatchPayload, lane: Lane): Promise<void> {
    const wake = await this.deliveries.nextWakeOfBatch(payload.occurrenceId, 'sms', payload.batchNo);
    if (!wake) return;
    const job = lane === 'urgent' ? JOBS.sendUrgentSmsBatch : JOBS.sendSmsBatch;
    await this.jobs.add(job, { payload: { ...payload, wakeAt: wake.getTime() }, runAt: wake });
  }

  private async context(occurrenceId: string): Promise<BatchContext | null> {
    const occ = await this.broadcasts.findOccurrence(occurrenceId);
    if (!occ || occ.messageVersion === null) return null;
    const broadcast = await this.broadcasts.findById(occ.broadcastId);
    if (!broadcast) return null;
    const version = await this.messages.version(broadcast.messageId, occ.messageVersion);
    if (!version?.renditions.sms) return null;
    return {
      cancelled: broadcast.status === 'cancelled' || occ.status === 'cancelled',
      priority: broadcast.priority,
      text: smsBody(version.renditions.sms, broadcast.smsWithoutDiacritics),
      timeZone: broadcast.timeZone,
      unitPath: broadcast.unitPath,
    };
  }

  /**
   * The sender (brandname) the province of `unitPath` registered with this provider (sms_sender_profile);
   * null: the provider's configured default. Read once per batch.
   */
  private async senderFor(unitPath: string, providerName: string): Promise<SmsSender | null> {
    const profile = await this.senderProfiles.forUnitPath(unitPath, providerName);
    return profile ? { brandname: profile.brandname } : null;
  }
}
