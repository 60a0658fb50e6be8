import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: a trigger in the migration refuses UPDATE and DELETE. */
@Index('ix_audit_event_unit_path', { synchronize: false })
@Index('ix_audit_event_occurred', { synchronize: false })
@Index('ix_audit_event_actor', { synchronize: false })
@Entity('audit_event')
@Index('ix_audit_event_entity', ['entityType', 'entityId'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  /** The unit the subject belongs to, and its path, so a supervisor reads the log of their subtree. */
  @Column({ type: 'uuid' })
  unitId!: string;

  @Column({ type: 'ltree' })
  unitPath!: string;

  @Column({ type: 'text' })
  entityType!: string;

  @Column({ type: 'uuid' })
  entityId!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'integer', nullable: true })
  versionNo!: number | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;
}
