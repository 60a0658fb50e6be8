import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AdminUnitEntity } from './admin-unit.entity.js';

/**
 * A communication activity that is not a broadcast (hội nghị, đối thoại, hội thi, tập huấn, tờ rơi,
 * tuyên truyền lưu động), recorded after it took place with its evidence; counts toward plan targets.
 */
@Entity('communication_activity')
@Check('ck_communication_activity_kind', "kind IN ('conference','dialogue','contest','training','leaflet','mobile-propaganda')")
@Check('ck_communication_activity_participants', 'participants >= 0')
@Index('ix_communication_activity_unit_day', ['unitId', 'occurredOn'])
export class CommunicationActivityEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_communication_activity' })
  id!: string;

  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_communication_activity_unit' })
  unit?: Relation<AdminUnitEntity>;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'date' })
  occurredOn!: string;

  @Column({ type: 'text' })
  place!: string;

  @Column({ type: 'integer' })
  participants!: number;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  contentGroups!: string[];

  /** Photos or minutes, checked against the activity unit's subtree when saved. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  attachmentIds!: string[];

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
