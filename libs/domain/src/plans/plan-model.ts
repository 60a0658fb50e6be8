import type { Channel } from '../channels.js';

/**
 * What a target of a Kế hoạch thông tin, tuyên truyền CCHC counts. Broadcast figures come from the
 * report rollup; activities from the activity log.
 */
export const PLAN_METRICS = ['broadcasts', 'loudspeaker-minutes', 'sms-reach', 'posts', 'activities'] as const;
export type PlanMetric = (typeof PLAN_METRICS)[number];

export const PLAN_METRIC_LABELS: Record<PlanMetric, string> = {
  broadcasts: 'Số lượt phát tin',
  'loudspeaker-minutes': 'Số phút phát thanh trên loa',
  'sms-reach': 'Tỷ lệ thuê bao nhận tin SMS (%)',
  posts: 'Số bài đăng mạng xã hội',
  activities: 'Số hoạt động tuyên truyền',
};

/**
 * The channels a metric may be narrowed to; null means the metric takes no channel at all
 * (an activity is not sent on a channel).
 */
export const METRIC_CHANNELS: Record<PlanMetric, readonly Channel[] | null> = {
  broadcasts: ['sms', 'board', 'loudspeaker', 'zalo', 'facebook'],
  'loudspeaker-minutes': ['loudspeaker'],
  'sms-reach': ['sms'],
  posts: ['zalo', 'facebook'],
  activities: null,
};

/** Activities of the 1216 plan that are not broadcasts. */
export const ACTIVITY_KINDS = ['conference', 'dialogue', 'contest', 'training', 'leaflet', 'mobile-propaganda'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  conference: 'Hội nghị',
  dialogue: 'Đối thoại',
  contest: 'Hội thi',
  training: 'Tập huấn',
  leaflet: 'Tờ rơi',
  'mobile-propaganda': 'Tuyên truyền lưu động',
};

/** A share of the period's target counts as on track within this margin either side of the expected figure. */
export const ON_TRACK_MARGIN = 0.1;

export const PROGRESS_STATUSES = ['ahead', 'on-track', 'behind'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export const PLAN_LIMITS = { titleMax: 300, decisionNumberMax: 50, signerMax: 200, placeMax: 300, targetsMax: 100, attachmentsMax: 10 } as const;
