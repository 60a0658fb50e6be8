import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AdminUnitEntity } from './admin-unit.entity.js';
import { BroadcastEntity } from './broadcast.entity.js';
import { MessageEntity } from './message.entity.js';
import { UserEntity } from './user.entity.js';

/** draft: received (CAP) and waiting for a supervisor; cancelled: withdrawn, before or after it went out. */
export const EMERGENCY_STATUSES = ['draft', 'awaiting-second-supervisor', 'sent', 'cancelled'] as const;
export type EmergencyStatus = (typeof EMERGENCY_STATUSES)[number];

/** Who authorised it: the author alone (the province allows it), a second supervisor, or a CAP source the province trusts; null while an imported draft waits. */
export const EMERGENCY_AUTHORISATIONS = ['self', 'second-supervisor', 'trusted-source'] as const;
export type EmergencyAuthorisation = (typeof EMERGENCY_AUTHORISATIONS)[number];

/**
 * An emergency sent in one action: its message (priority 'emergency'), the units and channels asked
 * for, who authorised it and, once it went out, its broadcast. Where the province requires a second
 * supervisor it waits here until another supervisor confirms.
 */
@Entity('emergency')
@Check('ck_emergency_status', "status IN ('draft','awaiting-second-supervisor','sent','cancelled')")
@Check('ck_emergency_authorisation', "authorisation IN ('self','second-supervisor','trusted-source')")
@Index('ix_emergency_status_created', ['status', 'createdAt'])
export class EmergencyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_emergency' })
  id!: string;

  @Column({ type: 'uuid' })
  messageId!: string;

  @ManyToOne(() => MessageEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_emergency_message' })
  message?: Relation<MessageEntity>;

  @Column({ type: 'integer' })
  messageVersion!: number;

  /** The author's unit, which owns the message and the broadcast. */
  @Index('ix_emergency_unit')
  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_emergency_unit' })
  unit?: Relation<AdminUnitEntity>;

  @Column({ type: 'text' })
  status!: EmergencyStatus;

  @Column({ type: 'text', nullable: true })
  authorisation!: EmergencyAuthorisation | null;

  @Column({ type: 'text', array: true })
  channels!: string[];

  @Column({ type: 'uuid', array: true })
  targetUnitIds!: string[];

  @Column({ type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_emergency_created_by' })
  creator?: Relation<UserEntity>;

  @Column({ type: 'uuid', nullable: true })
  confirmedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'confirmed_by', foreignKeyConstraintName: 'fk_emergency_confirmed_by' })
  confirmer?: Relation<UserEntity>;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  broadcastId!: string | null;

  @ManyToOne(() => BroadcastEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'broadcast_id', foreignKeyConstraintName: 'fk_emergency_broadcast' })
  broadcast?: Relation<BroadcastEntity>;

  /** Repeats this often until repeatUntil or until withdrawn; null: goes out once. */
  @Column({ type: 'integer', nullable: true })
  repeatEveryMinutes!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  repeatUntil!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** Per province: whether an emergency needs a second supervisor before it goes out (no row: one supervisor suffices). */
@Entity('emergency_policy')
export class EmergencyPolicyEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_emergency_policy' })
  provinceId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'province_id', foreignKeyConstraintName: 'fk_emergency_policy_province' })
  province?: Relation<AdminUnitEntity>;

  @Column({ type: 'boolean', default: false })
  requireSecondSupervisor!: boolean;

  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'fk_emergency_policy_updated_by' })
  updater?: Relation<UserEntity>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
