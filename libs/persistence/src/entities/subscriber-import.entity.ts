import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One CSV import of subscribers: its progress and totals. Row errors are in subscriber_import_error. */
@Entity('subscriber_import')
export class SubscriberImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_subscriber_import_unit')
  @Column({ type: 'uuid' })
  unitId!: string;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'text' })
  fileName!: string;

  @Column({ type: 'text' })
  status!: 'running' | 'completed' | 'failed';

  @Column({ type: 'integer', default: 0 })
  rowsRead!: number;

  @Column({ type: 'integer', nullable: true })
  totalRows!: number | null;

  @Column({ type: 'integer', default: 0 })
  inserted!: number;

  @Column({ type: 'integer', default: 0 })
  merged!: number;

  @Column({ type: 'integer', default: 0 })
  rejected!: number;

  @Column({ type: 'text', nullable: true })
  failure!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity('subscriber_import_error')
export class SubscriberImportErrorEntity {
  @Column({ type: 'uuid', primary: true })
  importId!: string;

  @Column({ type: 'integer', primary: true })
  rowNo!: number;

  @Column({ type: 'text' })
  field!: string;

  @Column({ type: 'text' })
  rule!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'text' })
  raw!: string;
}
