import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DeliveryOutcome } from '#persistence/index.js';

/** Opt-outs learnt while sending: a provider that says the number unsubscribed (Twilio 21610) is believed at once. */
@Injectable()
export class SubscriberOptOutRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async optOutRefused(outcomes: DeliveryOutcome[]): Promise<void> {
    const ids = outcomes.filter((o) => o.failureReason === 'opted-out').map((o) => o.id);
    if (ids.length === 0) return;
    await this.db.query(
      `UPDATE subscriber s SET opted_out_at = now(), opt_out_source = 'provider', updated_at = now()
         FROM delivery d WHERE d.id = ANY($1::bigint[]) AND s.phone = d.endpoint AND s.opted_out_at IS NULL`,
      [ids],
    );
  }
}
