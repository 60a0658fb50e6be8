import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { BroadcastEntity } from './broadcast.entity.js';

export type OccurrenceStatus = 'pending' | 'held' | 'planned' | 'completed' | 'cancelled' | 'skipped';

/** One due time of a broadcast. Planned once: its deliveries are written in one set-based statement. */
@Entity('occurrence')
@Check('ck_occurrence_status', "status IN ('pending','held','planned','completed','cancelled','skipped')")
@Index('uq_occurrence_due', ['broadcastId', 'dueAt'], { unique: true })
@Index('ix_occurrence_open', ['status', 'dueAt'], { where: "status IN ('pending','held','planned')" })
@Index('ix_occurrence_due', ['dueAt'])
@Index('ix_occurrence_held', ['broadcastId'], { where: "status = 'held'" })
export class OccurrenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  broadcastId!: string;

  @ManyToOne(() => BroadcastEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'broadcast_id' })
  broadcast?: Relation<BroadcastEntity>;

  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'text' })
  status!: OccurrenceStatus;

  /** The message version sent, fixed when the occurrence is planned. */
  @Column({ type: 'integer', nullable: true })
  messageVersion!: number | null;

  @Column({ type: 'integer', default: 0 })
  batchCount!: number;

  /** Channels whose deliveries are all written (planning commits channel by channel). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  plannedChannels!: string[];

  /** When the planner began it (its message version pinned). */
  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  plannedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
