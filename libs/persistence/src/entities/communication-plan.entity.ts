import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AdminUnitEntity } from './admin-unit.entity.js';
import { AttachmentEntity } from './attachment.entity.js';

/**
 * A Kế hoạch thông tin, tuyên truyền CCHC: a unit's goals for a period (a year by default), issued by
 * a decision. Its targets apply to every unit of a level of its subtree.
 */
@Entity('communication_plan')
@Check('ck_communication_plan_period', 'period_to >= period_from')
export class CommunicationPlanEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_communication_plan' })
  id!: string;

  @Index('ix_communication_plan_unit')
  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_communication_plan_unit' })
  unit?: Relation<AdminUnitEntity>;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'date' })
  periodFrom!: string;

  @Column({ type: 'date' })
  periodTo!: string;

  /** The number of the issuing decision, e.g. 855/KH-UBND. */
  @Column({ type: 'text', nullable: true })
  decisionNumber!: string | null;

  @Column({ type: 'date', nullable: true })
  decisionDate!: string | null;

  @Column({ type: 'text', nullable: true })
  decisionSigner!: string | null;

  @Column({ type: 'uuid', nullable: true })
  decisionAttachmentId!: string | null;

  @ManyToOne(() => AttachmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_attachment_id', foreignKeyConstraintName: 'fk_communication_plan_attachment' })
  decisionAttachment?: Relation<AttachmentEntity>;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** One goal of a plan, for every unit of `unitLevel` under the plan's unit, unless an override names the unit. */
@Entity('plan_target')
@Check('ck_plan_target_value', 'value >= 0')
@Check('ck_plan_target_level', "unit_level IN ('province','district','commune','village')")
export class PlanTargetEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_plan_target' })
  id!: string;

  @Index('ix_plan_target_plan')
  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => CommunicationPlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_plan_target_plan' })
  plan?: Relation<CommunicationPlanEntity>;

  @Column({ type: 'text' })
  metric!: string;

  @Column({ type: 'text', nullable: true })
  activityKind!: string | null;

  @Column({ type: 'text', nullable: true })
  contentGroup!: string | null;

  @Column({ type: 'text', nullable: true })
  channel!: string | null;

  @Column({ type: 'text' })
  unitLevel!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  value!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A unit's own figure for a target, in place of the target's value. */
@Entity('plan_target_override')
@Check('ck_plan_target_override_value', 'value >= 0')
export class PlanTargetOverrideEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_plan_target_override' })
  targetId!: string;

  @ManyToOne(() => PlanTargetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id', foreignKeyConstraintName: 'fk_plan_target_override_target' })
  target?: Relation<PlanTargetEntity>;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_plan_target_override' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_plan_target_override_unit' })
  unit?: Relation<AdminUnitEntity>;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  value!: string;
}
