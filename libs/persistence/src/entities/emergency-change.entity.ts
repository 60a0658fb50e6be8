import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { BroadcastEntity } from './broadcast.entity.js';
import { EmergencyEntity } from './emergency.entity.js';
import { UserEntity } from './user.entity.js';

export const EMERGENCY_CHANGE_KINDS = ['update', 'cancel'] as const;
export type EmergencyChangeKind = (typeof EMERGENCY_CHANGE_KINDS)[number];

/**
 * An update (new content) or the cancellation of an emergency, in order: CAP Update/Cancel messages
 * reference what they change through these rows. An emergency is cancelled at most once.
 */
@Entity('emergency_change')
@Check('ck_emergency_change_kind', "kind IN ('update','cancel')")
@Index('ix_emergency_change_emergency', ['emergencyId', 'createdAt'])
@Index('ux_emergency_change_cancel', ['emergencyId'], { unique: true, where: "kind = 'cancel'" })
@Index('ix_emergency_change_unpropagated', ['createdAt'], { where: 'propagated_at IS NULL' })
export class EmergencyChangeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_emergency_change' })
  id!: string;

  @Column({ type: 'uuid' })
  emergencyId!: string;

  @ManyToOne(() => EmergencyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'emergency_id', foreignKeyConstraintName: 'fk_emergency_change_emergency' })
  emergency?: Relation<EmergencyEntity>;

  @Column({ type: 'text' })
  kind!: EmergencyChangeKind;

  /** The message version the emergency carries after the change. */
  @Column({ type: 'integer' })
  messageVersion!: number;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** Who asked for it when not a person at the console, e.g. 'cap:<sender>'. */
  @Column({ type: 'text', nullable: true })
  origin!: string | null;

  /** The SMS follow-up ("Hủy bỏ/Cập nhật thông báo") to those who had received the SMS; null when nobody had. */
  @Column({ type: 'uuid', nullable: true })
  followUpBroadcastId!: string | null;

  @ManyToOne(() => BroadcastEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'follow_up_broadcast_id', foreignKeyConstraintName: 'fk_emergency_change_follow_up' })
  followUpBroadcast?: Relation<BroadcastEntity>;

  /** null: a system acted (an imported CAP Cancel). */
  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_emergency_change_created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** When devices, platforms and queues had heard of it (after the commit); null: the worker's pass completes it. */
  @Column({ type: 'timestamptz', nullable: true })
  propagatedAt!: Date | null;
}
