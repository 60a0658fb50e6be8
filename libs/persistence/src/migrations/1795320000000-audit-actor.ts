import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit log filtered by who acted (console's "Người thực hiện" filter), newest first, without scanning the log. */
export class AuditActor1795320000000 implements MigrationInterface {
  name = 'AuditActor1795320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_audit_event_actor ON audit_event (actor_id, occurred_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_audit_event_actor`);
  }
}
