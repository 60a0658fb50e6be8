import { Check, Column, JoinColumn, ManyToOne, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AdminUnitEntity } from './admin-unit.entity.js';
import type { Role } from '#domain/index.js';

@Check('ck_app_user_role', "role IN ('officer','supervisor','admin')")
@Check('ck_app_user_username', 'username = lower(username)')
@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-case; unique. */
  @Index('uq_app_user_username', { unique: true })
  @Column({ type: 'text' })
  username!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text', select: false })
  passwordHash!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Index('ix_app_user_unit')
  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<AdminUnitEntity>;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
