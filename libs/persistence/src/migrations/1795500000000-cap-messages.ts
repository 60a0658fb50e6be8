import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every CAP 1.2 message tincoso issued or received, with the document itself: an emergency's Alert
 * and the Update/Cancel of each of its changes (out), and what came in (uploaded, pushed by a system,
 * polled from a feed). `alert_key` ("sender,identifier,sent") is unique, so the same alert received
 * twice is one row and one emergency. An imported draft has no authorisation until a supervisor sends
 * it; a trusted source's alert is authorised by the source itself ('trusted-source').
 */
export class CapMessages1795500000000 implements MigrationInterface {
  name = 'CapMessages1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "emergency" ALTER COLUMN "authorisation" DROP NOT NULL`);
    await q.query(`ALTER TABLE "emergency" DROP CONSTRAINT "ck_emergency_authorisation"`);
    await q.query(`ALTER TABLE "emergency" ADD CONSTRAINT "ck_emergency_authorisation" CHECK (authorisation IN ('self','second-supervisor','trusted-source'))`);
    await q.query(`CREATE TABLE "cap_message" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "emergency_id" uuid NOT NULL,
      "change_id" uuid,
      "direction" text NOT NULL,
      "source" text,
      "source_ref" text,
      "sender" text NOT NULL,
      "identifier" text NOT NULL,
      "sent" text NOT NULL,
      "msg_type" text NOT NULL,
      "alert_key" text NOT NULL,
      "xml" text NOT NULL,
      "created_by" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "ck_cap_message_direction" CHECK (direction IN ('out','in')),
      CONSTRAINT "ck_cap_message_msg_type" CHECK (msg_type IN ('Alert','Update','Cancel')),
      CONSTRAINT "ck_cap_message_source" CHECK ((direction = 'out') = (source IS NULL)),
      CONSTRAINT "pk_cap_message" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "ux_cap_message_alert_key" ON "cap_message" ("alert_key")`);
    await q.query(`CREATE UNIQUE INDEX "ux_cap_message_out_alert" ON "cap_message" ("emergency_id") WHERE direction = 'out' AND change_id IS NULL`);
    await q.query(`CREATE UNIQUE INDEX "ux_cap_message_out_change" ON "cap_message" ("change_id") WHERE direction = 'out'`);
    await q.query(`CREATE INDEX "ix_cap_message_emergency" ON "cap_message" ("emergency_id", "created_at")`);
    for (const [name, column, table, onDelete] of [
      ['fk_cap_message_emergency', 'emergency_id', 'emergency', 'RESTRICT'],
      ['fk_cap_message_change', 'change_id', 'emergency_change', 'RESTRICT'],
      ['fk_cap_message_created_by', 'created_by', 'app_user', 'SET NULL'],
    ]) {
      await q.query(`ALTER TABLE "cap_message" ADD CONSTRAINT "${name}"
        FOREIGN KEY ("${column}") REFERENCES "${table}"("id") ON DELETE ${onDelete} ON UPDATE NO ACTION`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "cap_message"`);
    // Lossy on purpose: imported drafts and trusted sources' alerts read as authorised by one supervisor.
    await q.query(`UPDATE "emergency" SET authorisation = 'self' WHERE authorisation IS NULL OR authorisation = 'trusted-source'`);
    await q.query(`ALTER TABLE "emergency" DROP CONSTRAINT "ck_emergency_authorisation"`);
    await q.query(`ALTER TABLE "emergency" ADD CONSTRAINT "ck_emergency_authorisation" CHECK (authorisation IN ('self','second-supervisor'))`);
    await q.query(`ALTER TABLE "emergency" ALTER COLUMN "authorisation" SET NOT NULL`);
  }
}
