import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { DeliveryStatus } from '#domain/index.js';
import { DELIVERY_FAILURE_REASONS, type DeliveryFailureReason } from '#domain/delivery/failure-reason.js';

export { DELIVERY_STATUSES, type DeliveryStatus } from '#domain/index.js';

/**
 * One row per (occurrence, channel, endpoint). Written set-based at planning, updated in bulk per
 * batch. 'sending' is committed before the provider is called, so a crash leaves evidence, never a
 * silent double send. Partitioned by month on due_at (docs/operations.md, "Delivery partitions and retention"):
 * keys include it, and no other table holds a foreign key to it.
 */
@Entity('delivery')
@Check('ck_delivery_status', "status IN ('planned','sending','sent','delivered','failed','undelivered','unknown','cancelled','skipped')")
@Check('ck_delivery_failure_reason', `failure_reason IN (${DELIVERY_FAILURE_REASONS.map((r) => `'${r}'`).join(',')})`)
@Index('uq_delivery_endpoint', ['occurrenceId', 'channel', 'endpoint', 'dueAt'], { unique: true })
@Index('ix_delivery_open', ['occurrenceId', 'channel', 'batchNo', 'notBefore'], { where: "status IN ('planned','sending')" })
@Index('ix_delivery_broadcast_status', ['broadcastId', 'status'])
@Index('ix_delivery_broadcast_channel', ['broadcastId', 'channel', 'status'])
@Index('ix_delivery_provider_message', ['providerMessageId'], { where: 'provider_message_id IS NOT NULL' })
@Index('ix_delivery_sending', ['updatedAt'], { where: "status = 'sending'" })
export class DeliveryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  /** The occurrence's due time, copied at insert: the partition key, the same for every row of an occurrence. */
  @PrimaryColumn({ type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'uuid' })
  occurrenceId!: string;

  @Column({ type: 'uuid' })
  broadcastId!: string;

  @Column({ type: 'text' })
  channel!: string;

  /** Phone in E.164 for SMS; a station, board, account or unit id for the other channels. */
  @Column({ type: 'text' })
  endpoint!: string;

  @Column({ type: 'uuid', nullable: true })
  subscriberId!: string | null;

  @Column({ type: 'integer' })
  batchNo!: number;

  @Column({ type: 'text' })
  status!: DeliveryStatus;

  /** Not sent before this instant (quiet hours, daily cap, retry backoff). */
  @Column({ type: 'timestamptz' })
  notBefore!: Date;

  @Column({ type: 'smallint', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  provider!: string | null;

  @Column({ type: 'text', nullable: true })
  providerMessageId!: string | null;

  @Column({ type: 'text', nullable: true })
  providerCode!: string | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  /** Why a failed delivery failed: the provider refused it for good, or retries ran out (a supervisor may retry those). */
  @Column({ type: 'text', nullable: true })
  failureKind!: 'permanent' | 'exhausted' | null;

  /** Why it failed, was skipped or cancelled, when the engine knows (a provider's permanent refusal, a skip or cancel cause). */
  @Column({ type: 'text', nullable: true })
  failureReason!: DeliveryFailureReason | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finalAt!: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/** Every call to a provider, with its outcome and the provider's code. Partitioned by month on started_at. */
@Entity('delivery_attempt')
@Index('ix_delivery_attempt_delivery', ['deliveryId'])
export class DeliveryAttemptEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ type: 'bigint' })
  deliveryId!: string;

  @Column({ type: 'smallint' })
  attemptNo!: number;

  @PrimaryColumn({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz' })
  finishedAt!: Date;

  @Column({ type: 'text' })
  outcome!: 'sent' | 'retryable' | 'permanent' | 'unknown';

  @Column({ type: 'text', nullable: true })
  providerCode!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
