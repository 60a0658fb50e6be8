import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { EmergencyChangeEntity } from './emergency-change.entity.js';
import { EmergencyEntity } from './emergency.entity.js';
import { UserEntity } from './user.entity.js';

export const CAP_MESSAGE_DIRECTIONS = ['out', 'in'] as const;
export type CapMessageDirection = (typeof CAP_MESSAGE_DIRECTIONS)[number];
/** Where an incoming message came from: a supervisor's upload, a signed system push, a polled feed. */
export const CAP_MESSAGE_SOURCES = ['upload', 'system', 'feed'] as const;
export type CapMessageSource = (typeof CAP_MESSAGE_SOURCES)[number];

/**
 * One CAP 1.2 message issued (out: an emergency's Alert, an Update or Cancel per change) or received
 * (in), with its document. `alertKey` ("sender,identifier,sent") is unique: an alert received twice
 * is one row, and a later message's `references` find it.
 */
@Entity('cap_message')
@Check('ck_cap_message_direction', "direction IN ('out','in')")
@Check('ck_cap_message_msg_type', "msg_type IN ('Alert','Update','Cancel')")
@Check('ck_cap_message_source', "(direction = 'out') = (source IS NULL)")
@Index('ux_cap_message_alert_key', ['alertKey'], { unique: true })
@Index('ux_cap_message_out_alert', ['emergencyId'], { unique: true, where: "direction = 'out' AND change_id IS NULL" })
@Index('ux_cap_message_out_change', ['changeId'], { unique: true, where: "direction = 'out'" })
@Index('ix_cap_message_emergency', ['emergencyId', 'createdAt'])
export class CapMessageEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_cap_message' })
  id!: string;

  @Column({ type: 'uuid' })
  emergencyId!: string;

  @ManyToOne(() => EmergencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'emergency_id', foreignKeyConstraintName: 'fk_cap_message_emergency' })
  emergency?: Relation<EmergencyEntity>;

  /** The update or cancellation this message is (out), or the one it caused (in). */
  @Column({ type: 'uuid', nullable: true })
  changeId!: string | null;

  @ManyToOne(() => EmergencyChangeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'change_id', foreignKeyConstraintName: 'fk_cap_message_change' })
  change?: Relation<EmergencyChangeEntity>;

  @Column({ type: 'text' })
  direction!: CapMessageDirection;

  @Column({ type: 'text', nullable: true })
  source!: CapMessageSource | null;

  /** The uploading user's id, the system's id or the feed's URL. */
  @Column({ type: 'text', nullable: true })
  sourceRef!: string | null;

  @Column({ type: 'text' })
  sender!: string;

  @Column({ type: 'text' })
  identifier!: string;

  /** The CAP dateTime exactly as written: references name it so. */
  @Column({ type: 'text' })
  sent!: string;

  @Column({ type: 'text' })
  msgType!: 'Alert' | 'Update' | 'Cancel';

  @Column({ type: 'text' })
  alertKey!: string;

  @Column({ type: 'text' })
  xml!: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_cap_message_created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
