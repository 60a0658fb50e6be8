import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AdminUnitEntity } from './admin-unit.entity.js';
import { BroadcastEntity } from './broadcast.entity.js';

/** An electronic public bulletin board (a TV or signage player) of a unit, authenticated by its own token. */
@Entity('board')
export class BoardEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_board_unit')
  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<AdminUnitEntity>;

  /** The village where the board stands, under the unit; null for a board at the unit's office. */
  @Column({ type: 'uuid', nullable: true })
  villageId!: string | null;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'village_id' })
  village?: Relation<AdminUnitEntity>;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  location!: string | null;

  /** SHA-256 of the device token; the token itself is shown once and never stored. */
  @Index('uq_board_token_hash', { unique: true })
  @Column({ type: 'text' })
  tokenHash!: string;

  @Column({ type: 'timestamptz' })
  tokenIssuedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastSeenAt!: Date | null;

  /** The content version the board last reported showing. */
  @Column({ type: 'text', nullable: true })
  shownVersion!: string | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * A slide live on a board: one per board delivery, written with it at planning. The feed shows the
 * newest live slide of each broadcast until it expires.
 */
@Entity('board_slide')
@Check('ck_board_slide_priority', "priority IN ('normal','priority','emergency')")
@Index('ix_board_slide_live', ['boardId', 'expiresAt'])
export class BoardSlideEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  /** No foreign key: delivery is partitioned by month (its key includes due_at); retention removes slides with their month. */
  @Index('uq_board_slide_delivery', { unique: true })
  @Column({ type: 'bigint' })
  deliveryId!: string;


  @Column({ type: 'uuid' })
  boardId!: string;

  @ManyToOne(() => BoardEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'board_id' })
  board?: Relation<BoardEntity>;

  @Index('ix_board_slide_broadcast')
  @Column({ type: 'uuid' })
  broadcastId!: string;

  @ManyToOne(() => BroadcastEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'broadcast_id' })
  broadcast?: Relation<BroadcastEntity>;

  @Column({ type: 'uuid' })
  messageId!: string;

  @Column({ type: 'integer' })
  versionNo!: number;

  @Column({ type: 'text' })
  priority!: 'normal' | 'priority' | 'emergency';

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
