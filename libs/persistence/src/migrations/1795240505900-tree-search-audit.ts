import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What TypeORM cannot generate: the GiST index for subtree/ancestor queries, the trigram index for
 * diacritic-insensitive search, check constraints on enumerated columns, and the append-only audit log.
 */
export class TreeSearchAudit1795240505900 implements MigrationInterface {
  name = 'TreeSearchAudit1795240505900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_admin_unit_path ON admin_unit USING gist (path)`);
    await q.query(`CREATE INDEX ix_admin_unit_search ON admin_unit USING gin (search_name gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_audit_event_unit_path ON audit_event USING gist (unit_path)`);
    await q.query(`CREATE INDEX ix_audit_event_occurred ON audit_event (occurred_at DESC)`);
    await q.query(`ALTER TABLE admin_unit ADD CONSTRAINT ck_admin_unit_level CHECK (level IN ('province','district','commune','village'))`);
    await q.query(`ALTER TABLE admin_unit ADD CONSTRAINT ck_admin_unit_source CHECK (source IN ('vn-2025','vn-pre2025','local'))`);
    await q.query(`ALTER TABLE admin_unit ADD CONSTRAINT ck_admin_unit_depth CHECK (depth = nlevel(path))`);
    await q.query(`ALTER TABLE app_user ADD CONSTRAINT ck_app_user_role CHECK (role IN ('officer','supervisor','admin'))`);
    await q.query(`ALTER TABLE app_user ADD CONSTRAINT ck_app_user_username CHECK (username = lower(username))`);
    await q.query(`ALTER TABLE message ADD CONSTRAINT ck_message_status CHECK (status IN ('draft','submitted','approved','returned'))`);
    await q.query(`ALTER TABLE message_version ADD CONSTRAINT ck_message_version_priority CHECK (priority IN ('normal','priority','emergency'))`);
    await q.query(`ALTER TABLE attachment ADD CONSTRAINT ck_attachment_kind CHECK (kind IN ('audio','image'))`);
    await q.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_event_no_truncate ON audit_event`);
    await q.query(`DROP TRIGGER audit_event_no_update_delete ON audit_event`);
    await q.query(`DROP FUNCTION audit_event_append_only()`);
    for (const [table, constraint] of [
      ['attachment', 'ck_attachment_kind'],
      ['message_version', 'ck_message_version_priority'],
      ['message', 'ck_message_status'],
      ['app_user', 'ck_app_user_username'],
      ['app_user', 'ck_app_user_role'],
      ['admin_unit', 'ck_admin_unit_depth'],
      ['admin_unit', 'ck_admin_unit_source'],
      ['admin_unit', 'ck_admin_unit_level'],
    ]) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${constraint}`);
    }
    await q.query(`DROP INDEX ix_audit_event_occurred`);
    await q.query(`DROP INDEX ix_audit_event_unit_path`);
    await q.query(`DROP INDEX ix_admin_unit_search`);
    await q.query(`DROP INDEX ix_admin_unit_path`);
  }
}
