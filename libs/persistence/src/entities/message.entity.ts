import { Check, Column, JoinColumn, ManyToOne, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn, type Relation } from 'typeorm';
import { AdminUnitEntity } from './admin-unit.entity.js';
import type { MessageStatus } from '#domain/index.js';

/** A reform message; its content lives in immutable versions (message_version). */
@Check('ck_message_status', "status IN ('draft','submitted','approved','returned')")
@Entity('message')
@Index('ix_message_status_approval_unit', ['status', 'approvalUnitId'])
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_message_unit')
  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<AdminUnitEntity>;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'text' })
  status!: MessageStatus;

  @Column({ type: 'integer' })
  currentVersion!: number;

  /** The last version a supervisor approved; stays set when a later edit makes the message a draft again. */
  @Column({ type: 'integer', nullable: true })
  approvedVersion!: number | null;

  /** While submitted: the unit whose supervisors are to review it. */
  @Column({ type: 'uuid', nullable: true })
  approvalUnitId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  approvedBy!: string | null;

  @VersionColumn()
  rowVersion!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
