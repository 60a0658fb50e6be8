import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AdminUnitEntity } from './admin-unit.entity.js';
import { MessageEntity } from './message.entity.js';

/** Stored states; a finished broadcast records its outcome (the officer's view adds 'held', read from occurrences). */
export const BROADCAST_STATUSES = ['scheduled', 'running', 'completed', 'partially-failed', 'failed', 'cancelled'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

export interface BroadcastTargets {
  /** Unit subtrees (any level); each must lie in the author's subtree. */
  unitIds: string[];
  /** Restricts SMS recipients to these villages, when given. */
  villageIds: string[];
  /** Restricts SMS recipients to subscribers having any of these tags, when given. */
  tags: string[];
}

export type BroadcastSchedule =
  | { kind: 'once'; at: string }
  | { kind: 'recurring'; rrule: string; startsAt: string; until?: string; count?: number };

/** An approved message sent to targets on channels following a schedule. */
@Entity('broadcast')
@Check('ck_broadcast_status', "status IN ('scheduled','running','completed','partially-failed','failed','cancelled')")
@Index('ix_broadcast_created', ['createdAt', 'id'])
export class BroadcastEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_broadcast_unit')
  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<AdminUnitEntity>;

  @Index('ix_broadcast_message')
  @Column({ type: 'uuid' })
  messageId!: string;

  @ManyToOne(() => MessageEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'message_id' })
  message?: Relation<MessageEntity>;

  /** The approved version scheduled; occurrences send the message's latest approved version at their time. */
  @Column({ type: 'integer' })
  messageVersion!: number;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'text' })
  status!: BroadcastStatus;

  @Column({ type: 'text', array: true })
  channels!: string[];

  @Column({ type: 'jsonb' })
  targets!: BroadcastTargets;

  @Column({ type: 'jsonb' })
  schedule!: BroadcastSchedule;

  @Column({ type: 'text' })
  timeZone!: string;

  @Column({ type: 'boolean', default: false })
  smsWithoutDiacritics!: boolean;

  @Column({ type: 'smallint', default: 3 })
  smsMaxParts!: number;

  @Column({ type: 'text' })
  priority!: 'normal' | 'priority' | 'emergency';

  /** Every occurrence of the schedule exists (always for one-off; recurring ones are expanded ahead over time). */
  @Column({ type: 'boolean', default: false })
  fullyExpanded!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  cancelledBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
