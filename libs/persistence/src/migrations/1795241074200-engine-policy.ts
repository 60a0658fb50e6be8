import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Subscriber tag index, and the default quiet hours and daily caps per channel. */
export class EnginePolicy1795241074200 implements MigrationInterface {
  name = 'EnginePolicy1795241074200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_subscriber_tags ON subscriber USING gin (tags)`);
    await q.query(`
      INSERT INTO channel_policy (channel, quiet_start, quiet_end, daily_cap) VALUES
        ('sms', '21:00', '07:00', 3),
        ('loudspeaker', '21:00', '05:30', NULL)
      ON CONFLICT (channel) DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM channel_policy WHERE channel IN ('sms','loudspeaker')`);
    await q.query(`DROP INDEX ix_subscriber_tags`);
  }
}
