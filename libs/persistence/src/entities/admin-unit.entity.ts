import { Check, Column, JoinColumn, ManyToOne, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { UnitLevel, UnitSource } from '#domain/index.js';

/** A node of the administrative tree (province, district, commune, village), any depth. */
@Check('ck_admin_unit_level', "level IN ('province','district','commune','village')")
@Check('ck_admin_unit_source', "source IN ('vn-2025','vn-pre2025','local')")
@Check('ck_admin_unit_depth', 'depth = nlevel(path)')
@Index('ix_admin_unit_path', { synchronize: false })
@Index('ix_admin_unit_search', { synchronize: false })
@Entity('admin_unit')
@Index('uq_admin_unit_source_code', ['source', 'code'], { unique: true, where: 'code IS NOT NULL' })
export class AdminUnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_admin_unit_parent')
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<AdminUnitEntity>;

  /** ltree of unit labels from the root; GiST-indexed in the migration. */
  @Column({ type: 'ltree' })
  path!: string;

  @Column({ type: 'smallint' })
  depth!: number;

  @Column({ type: 'text', nullable: true })
  code!: string | null;

  @Column({ type: 'text' })
  source!: UnitSource;

  @Column({ type: 'text' })
  level!: UnitLevel;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  fullName!: string;

  @Column({ type: 'text', nullable: true })
  nameEn!: string | null;

  /** Folded (no diacritics, lower case) name and full name; trigram-indexed in the migration. */
  @Column({ type: 'text' })
  searchName!: string;

  @Column({ type: 'date', nullable: true })
  validFrom!: string | null;

  @Column({ type: 'date', nullable: true })
  validTo!: string | null;

  @Column({ type: 'text', nullable: true })
  timeZone!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
