import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AdminUnitEntity } from './admin-unit.entity.js';
import { UserEntity } from './user.entity.js';

/**
 * An information system of a province or district (Thông tư 39/2020/TT-BTTTT's upper-level source
 * system) that may call the signed API on behalf of its unit. `secret_enc` is the HMAC key sealed
 * with AES-256-GCM (libs/domain/src/secrets), never the key itself. `user_id` is the system's own
 * account (locked, no password): what it writes is authored and audited under it.
 */
@Entity('upper_system')
@Index('uq_upper_system_key_id', ['keyId'], { unique: true })
@Index('ix_upper_system_unit', ['unitId'])
@Index('uq_upper_system_user', ['userId'], { unique: true })
export class UpperSystemEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_upper_system' })
  id!: string;

  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_upper_system_unit' })
  unit?: Relation<AdminUnitEntity>;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_upper_system_user' })
  user?: Relation<UserEntity>;

  @Column({ type: 'text' })
  name!: string;

  /** Public identifier sent in X-Tincoso-System. */
  @Column({ type: 'text' })
  keyId!: string;

  @Column({ type: 'text' })
  secretEnc!: string;

  /** Its emergencies go out without a supervisor. */
  @Column({ type: 'boolean', default: false })
  trusted!: boolean;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
