import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AdminUnitEntity } from './admin-unit.entity.js';
import { BroadcastEntity } from './broadcast.entity.js';
import { MessageEntity } from './message.entity.js';
import { OccurrenceEntity } from './occurrence.entity.js';
import { LoudspeakerAudioEntity, StationSlotEntity } from './station.entity.js';
import { UpperSystemEntity } from './upper-system.entity.js';
import { UserEntity } from './user.entity.js';

export const RELAY_STATUSES = ['waiting', 'placed', 'auto-placed'] as const;
export type RelayStatus = (typeof RELAY_STATUSES)[number];
export const SYSTEM_PUSH_STATUSES = ['preparing', 'scheduled', 'awaiting-approval', 'failed'] as const;
export type SystemPushStatus = (typeof SYSTEM_PUSH_STATUSES)[number];

/** How long a province's or district's normal bulletins wait for a commune officer before they are placed automatically. */
@Entity('relay_setting')
@Check('ck_relay_setting_deadline', 'deadline_hours BETWEEN 1 AND 168')
export class RelaySettingEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_relay_setting' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_relay_setting_unit' })
  unit?: Relation<AdminUnitEntity>;

  @Column({ type: 'smallint' })
  deadlineHours!: number;

  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * A normal bulletin of a province or district in one commune's relay list ("Tin từ cấp trên"): the
 * commune's stations have a planned delivery each but no playlist item until an officer places it
 * in an airing, or the deadline passes and it goes into the first airing with room.
 */
@Entity('station_relay')
@Check('ck_station_relay_status', "status IN ('waiting','placed','auto-placed')")
@Index('uq_station_relay_occurrence_unit', ['occurrenceId', 'unitId'], { unique: true })
@Index('ix_station_relay_broadcast', ['broadcastId'])
@Index('ix_station_relay_unit', ['unitId', 'status'])
@Index('ix_station_relay_waiting', ['deadlineAt'], { where: "status = 'waiting'" })
export class StationRelayEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_station_relay' })
  id!: string;

  @Column({ type: 'uuid' })
  occurrenceId!: string;

  @ManyToOne(() => OccurrenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'occurrence_id', foreignKeyConstraintName: 'fk_station_relay_occurrence' })
  occurrence?: Relation<OccurrenceEntity>;

  @Column({ type: 'uuid' })
  broadcastId!: string;

  @ManyToOne(() => BroadcastEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'broadcast_id', foreignKeyConstraintName: 'fk_station_relay_broadcast' })
  broadcast?: Relation<BroadcastEntity>;

  /** The commune whose stations it is for. */
  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_station_relay_unit' })
  unit?: Relation<AdminUnitEntity>;

  @Column({ type: 'uuid' })
  audioId!: string;

  @ManyToOne(() => LoudspeakerAudioEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'audio_id', foreignKeyConstraintName: 'fk_station_relay_audio' })
  audio?: Relation<LoudspeakerAudioEntity>;

  @Column({ type: 'integer' })
  durationMs!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  contentGroup!: string;

  @Column({ type: 'timestamptz' })
  deadlineAt!: Date;

  @Column({ type: 'text', default: 'waiting' })
  status!: RelayStatus;

  @Column({ type: 'uuid', nullable: true })
  slotId!: string | null;

  @ManyToOne(() => StationSlotEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'slot_id', foreignKeyConstraintName: 'fk_station_relay_slot' })
  slot?: Relation<StationSlotEntity>;

  @Column({ type: 'timestamptz', nullable: true })
  airsAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  placedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'placed_by', foreignKeyConstraintName: 'fk_station_relay_placed_by' })
  placer?: Relation<UserEntity>;

  @Column({ type: 'timestamptz', nullable: true })
  placedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A bulletin an upper-level system pushed through the signed API, and what became of it. */
@Entity('system_push')
@Check('ck_system_push_status', "status IN ('preparing','scheduled','awaiting-approval','failed')")
@Check('ck_system_push_deadline', 'deadline_hours BETWEEN 1 AND 168')
@Index('uq_system_push_reference', ['systemId', 'reference'], { unique: true })
@Index('uq_system_push_broadcast', ['broadcastId'], { unique: true })
@Index('ix_system_push_preparing', ['createdAt'], { where: "status = 'preparing'" })
export class SystemPushEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_system_push' })
  id!: string;

  @Column({ type: 'uuid' })
  systemId!: string;

  @ManyToOne(() => UpperSystemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'system_id', foreignKeyConstraintName: 'fk_system_push_system' })
  system?: Relation<UpperSystemEntity>;

  /** The system's own id for the bulletin: the same reference twice is one push. */
  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @Column({ type: 'uuid' })
  messageId!: string;

  @ManyToOne(() => MessageEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_system_push_message' })
  message?: Relation<MessageEntity>;

  @Column({ type: 'uuid', nullable: true })
  broadcastId!: string | null;

  @ManyToOne(() => BroadcastEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'broadcast_id', foreignKeyConstraintName: 'fk_system_push_broadcast' })
  broadcast?: Relation<BroadcastEntity>;

  @Column({ type: 'text' })
  status!: SystemPushStatus;

  /** The broadcast request to write once the audio is ready (targets, channels, schedule). */
  @Column({ type: 'jsonb' })
  request!: Record<string, unknown>;

  @Column({ type: 'smallint', nullable: true })
  deadlineHours!: number | null;

  /** Why it failed (its audio could not be made). */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
