import type { SmsKeyword } from '#domain/index.js';

/** What an opt-out or opt-in by number did: changed the subscription, found it already so, or found no subscriber. */
export type SubscriptionOutcome = 'changed' | 'unchanged' | 'not-subscribed';

/**
 * Replies to inbound SMS, without diacritics so each fits one GSM-7 part (160 characters) and reads
 * on every handset. An opt-in from a number nobody subscribed records nothing: consent needs a unit
 * (and usually a village) that only the commune knows, so the citizen is told where to register.
 */
const REPLIES: Record<SmsKeyword, Record<SubscriptionOutcome, string>> = {
  'opt-out': {
    changed: 'Ban da ngung nhan tin nhan thong tin co so. Soan DK gui so nay neu muon nhan lai.',
    unchanged: 'So cua ban da ngung nhan tin nhan thong tin co so truoc do. Soan DK gui so nay neu muon nhan lai.',
    'not-subscribed': 'So cua ban khong co trong danh sach nhan tin nhan thong tin co so. Ban se khong nhan tin tu chung toi.',
  },
  'opt-in': {
    changed: 'Ban da dang ky nhan lai tin nhan thong tin co so. Soan HUY gui so nay de ngung nhan.',
    unchanged: 'So cua ban dang nhan tin nhan thong tin co so. Soan HUY gui so nay de ngung nhan.',
    'not-subscribed': 'So cua ban chua co trong danh sach nhan tin. Vui long lien he UBND xa, phuong noi cu tru de dang ky.',
  },
};

/** For any other text: the two keywords, so a citizen who writes back learns how to stop or restart. */
export const KEYWORD_HELP_REPLY = 'Tong dai thong tin co so chi nhan cu phap: HUY (ngung nhan tin) hoac DK (dang ky nhan lai).';

export function keywordReply(keyword: SmsKeyword, outcome: SubscriptionOutcome): string {
  return REPLIES[keyword][outcome];
}
