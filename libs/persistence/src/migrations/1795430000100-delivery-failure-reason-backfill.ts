import type { MigrationInterface, QueryRunner } from 'typeorm';

const PERMANENT = `'invalid-endpoint','opted-out','bad-request','unauthorized','reconnect-needed','rejected'`;

/**
 * Existing rows get their reason from what last_error used to carry: a permanent refusal's
 * "<reason>: <provider message>" keeps the provider's message alone; the skip and cancel causes
 * written as text ('opted-out', 'đài đã bị xóa', 'scheduled post deleted from the platform') leave
 * last_error; any other cancelled delivery was cancelled with its broadcast. Down puts the text back.
 */
export class DeliveryFailureReasonBackfill1795430000100 implements MigrationInterface {
  name = 'DeliveryFailureReasonBackfill1795430000100';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE delivery SET failure_reason = split_part(last_error, ':', 1),
              last_error = NULLIF(ltrim(substr(last_error, length(split_part(last_error, ':', 1)) + 2)), '')
        WHERE failure_reason IS NULL AND status IN ('failed','undelivered') AND split_part(last_error, ':', 1) IN (${PERMANENT})
          AND position(':' IN last_error) > 0`,
    );
    await q.query(
      `UPDATE delivery SET failure_reason = 'opted-out', last_error = NULL WHERE status = 'skipped' AND last_error = 'opted-out'`,
    );
    await q.query(
      `UPDATE delivery SET failure_reason = 'station-deleted', last_error = NULL WHERE status = 'cancelled' AND last_error = 'đài đã bị xóa'`,
    );
    await q.query(
      `UPDATE delivery SET failure_reason = 'scheduled-post-deleted', last_error = NULL
        WHERE status = 'cancelled' AND last_error LIKE 'scheduled post deleted%'`,
    );
    await q.query(`UPDATE delivery SET failure_reason = 'broadcast-cancelled' WHERE status = 'cancelled' AND failure_reason IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE delivery SET last_error = failure_reason || ': ' || COALESCE(last_error, '')
        WHERE status IN ('failed','undelivered') AND failure_reason IN (${PERMANENT})`,
    );
    await q.query(`UPDATE delivery SET last_error = 'opted-out' WHERE status = 'skipped' AND failure_reason = 'opted-out'`);
    await q.query(`UPDATE delivery SET last_error = 'đài đã bị xóa' WHERE failure_reason = 'station-deleted'`);
    await q.query(`UPDATE delivery SET last_error = 'scheduled post deleted from the platform' WHERE failure_reason = 'scheduled-post-deleted'`);
    await q.query(`UPDATE delivery SET failure_reason = NULL`);
  }
}
