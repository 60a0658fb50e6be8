import { Check, Column, JoinColumn, ManyToOne, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AdminUnitEntity } from './admin-unit.entity.js';

export type AttachmentKind = 'audio' | 'image';

/** An uploaded file. Its bytes live in the file store under storageKey (content-addressed). */
@Check('ck_attachment_kind', "kind IN ('audio','image')")
@Entity('attachment')
export class AttachmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_attachment_unit')
  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<AdminUnitEntity>;

  @Column({ type: 'uuid' })
  uploadedBy!: string;

  @Column({ type: 'text' })
  kind!: AttachmentKind;

  /** Sniffed from the bytes, never taken from the client. */
  @Column({ type: 'text' })
  contentType!: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sizeBytes!: number;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'text' })
  storageKey!: string;

  @Column({ type: 'text' })
  originalName!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
