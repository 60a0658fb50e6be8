import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AdminUnitEntity } from './admin-unit.entity.js';

/**
 * A citizen who receives SMS. One row per phone number (E.164): the number is the identity, so an
 * opt-out by SMS keyword applies wherever the number is targeted.
 */
@Entity('subscriber')
@Check('ck_subscriber_phone', `phone ~ '^\\+84[35789][0-9]{8}$'`)
@Index('ix_subscriber_unit_active', ['unitId'], { where: 'opted_out_at IS NULL' })
@Index('ix_subscriber_tags', { synchronize: false })
@Index('ix_subscriber_phone_search', { synchronize: false })
export class SubscriberEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_subscriber_phone', { unique: true })
  @Column({ type: 'text' })
  phone!: string;

  @Column({ type: 'text', nullable: true })
  fullName!: string | null;

  /** The commune (or any unit) the citizen belongs to. */
  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<AdminUnitEntity>;

  /** A village (thôn, tổ dân phố) under unitId, when known. */
  @Index('ix_subscriber_village')
  @Column({ type: 'uuid', nullable: true })
  villageId!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({ type: 'text' })
  consentSource!: string;

  @Column({ type: 'timestamptz' })
  consentAt!: Date;

  @Column({ type: 'text', default: 'vi' })
  preferredLanguage!: string;

  @Column({ type: 'timestamptz', nullable: true })
  optedOutAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  optOutSource!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
