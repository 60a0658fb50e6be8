import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AdminUnitEntity } from './admin-unit.entity.js';
import { UserEntity } from './user.entity.js';

/**
 * A province's registered SMS sender on a brandname gateway (per provider: a province may register
 * with eSMS and another gateway): the brandname shown on phones, whether its route carries Unicode,
 * and the customer-care templates the carriers approved (`{name}` placeholders). Every broadcast of a
 * unit under the province sends under it. Owned by the SMS package.
 */
@Entity('sms_sender_profile')
export class SmsSenderProfileEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_sms_sender_profile' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_sms_sender_profile_unit' })
  unit?: Relation<AdminUnitEntity>;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_sms_sender_profile' })
  provider!: string;

  @Column({ type: 'text' })
  brandname!: string;

  @Column({ type: 'boolean', default: false })
  unicodeAllowed!: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  templates!: string[];

  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'fk_sms_sender_profile_updated_by' })
  updater?: Relation<UserEntity>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
