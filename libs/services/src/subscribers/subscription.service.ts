import { Injectable } from '@nestjs/common';
import { parseKeyword, type SmsKeyword } from '#domain/index.js';
import { AuditRepository, TransactionRunner } from '#persistence/index.js';
import { SubscriberRepository } from '#persistence/repositories/subscriber.repository.js';
import { KEYWORD_HELP_REPLY, keywordReply, type SubscriptionOutcome } from './keyword-replies.js';

/**
 * Opt-out and opt-in by SMS keyword. They act for the citizen, not for an officer, so they are not
 * scoped to a subtree; each change is audited with no actor. An opt-out holds until an opt-in:
 * imports and edits never clear it.
 */
@Injectable()
export class SubscriptionService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly subscribers: SubscriberRepository,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * An inbound SMS: the keyword is applied at once and the reply says what happened (no keyword: the help text).
   * `from` is the sender in E.164, null when it is not a Vietnamese mobile (such a number is never subscribed).
   */
  async answerInboundSms(from: string | null, body: string | null | undefined): Promise<string> {
    const keyword = parseKeyword(body);
    if (keyword === null) return KEYWORD_HELP_REPLY;
    const outcome = from === null ? 'not-subscribed' : await this.apply(from, keyword);
    return keywordReply(keyword, outcome);
  }

  private apply(phone: string, keyword: SmsKeyword): Promise<SubscriptionOutcome> {
    return this.transactions.run(async (tx) => {
      const subscriber = await this.subscribers.lockByPhone(phone, tx);
      if (!subscriber) return 'not-subscribed';
      const changed = await (keyword === 'opt-out'
        ? this.subscribers.optOut(subscriber.id, 'sms', tx)
        : this.subscribers.optIn(subscriber.id, 'sms', tx));
      if (!changed) return 'unchanged';
      await this.audit.append(
        {
          actorId: null,
          unitId: subscriber.unitId,
          unitPath: subscriber.unitPath,
          entityType: 'subscriber',
          entityId: subscriber.id,
          action: keyword,
          data: { source: 'sms' },
        },
        tx,
      );
      return 'changed';
    });
  }
}
