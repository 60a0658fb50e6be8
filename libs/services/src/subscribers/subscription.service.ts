import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { normaliseVietnamesePhone, parseKeyword } from '../../../domain/src/index.js';
import { AuditRepository } from '../../../persistence/src/index.js';
import { SubscriberRepository } from '../../../persistence/src/repositories/subscriber.repository.js';
import { KEYWORD_HELP_REPLY, keywordReply, type SubscriptionOutcome } from './keyword-replies.js';
import type { ConsentSource } from './subscriber-fields.js';

/** Who stopped the SMS: the citizen by keyword, the provider (the carrier refused: unsubscribed), or an officer. */
export type OptOutSource = 'sms' | 'provider' | 'officer';

/**
 * Opt-out and opt-in by phone number, for inbound SMS and for the dispatch engine. They act for the
 * citizen, not for an officer, so they are not scoped to a subtree; each change is audited with no actor.
 * An opt-out holds until an opt-in: imports and edits never clear it.
 */
@Injectable()
export class SubscriptionService {
  constructor(
    private readonly subscribers: SubscriberRepository,
    private readonly audit: AuditRepository,
  ) {}

  optOut(phone: string, source: OptOutSource): Promise<SubscriptionOutcome> {
    return this.change(phone, 'opt-out', source, (id, tx) => this.subscribers.optOut(id, source, tx));
  }

  optIn(phone: string, source: ConsentSource): Promise<SubscriptionOutcome> {
    return this.change(phone, 'opt-in', source, (id, tx) => this.subscribers.optIn(id, source, tx));
  }

  /** An inbound SMS: the keyword is applied at once and the reply says what happened (null keyword: the help text). */
  async answerInboundSms(from: string, body: string | null | undefined): Promise<string> {
    const keyword = parseKeyword(body);
    if (keyword === null) return KEYWORD_HELP_REPLY;
    const outcome = keyword === 'opt-out' ? await this.optOut(from, 'sms') : await this.optIn(from, 'sms');
    return keywordReply(keyword, outcome);
  }

  private async change(
    rawPhone: string,
    action: 'opt-out' | 'opt-in',
    source: string,
    apply: (id: string, tx: EntityManager) => Promise<boolean>,
  ): Promise<SubscriptionOutcome> {
    const phone = normaliseVietnamesePhone(rawPhone);
    if (!phone.ok) return 'not-subscribed';
    return this.subscribers.transaction(async (tx) => {
      const subscriber = await this.subscribers.lockByPhone(phone.e164, tx);
      if (!subscriber) return 'not-subscribed';
      if (!(await apply(subscriber.id, tx))) return 'unchanged';
      await this.audit.append(
        {
          actorId: null,
          unitId: subscriber.unitId,
          unitPath: subscriber.unitPath,
          entityType: 'subscriber',
          entityId: subscriber.id,
          action,
          data: { source },
        },
        tx,
      );
      return 'changed';
    });
  }
}
