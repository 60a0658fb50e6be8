import { ApiError } from '../../api/client';
import { dayjs, toZonedIso } from '../../lib/time';
import type { BroadcastRequest, ScheduleRequest } from './broadcast-api';
import { defaultRecurrence, describeRecurrence, toRrule, type RecurrenceValue } from './recurrence-rule';

/** Everything the officer chose in the wizard; kept whole while moving between steps. */
export interface WizardChoices {
  messageId: string | null;
  unitIds: string[];
  villageIds: string[];
  tags: string[];
  channels: string[];
  smsWithoutDiacritics: boolean;
  mode: 'once' | 'recurring';
  /** Wall-clock date-time in the unit's zone, as picked (its own offset is never used). */
  at: dayjs.Dayjs | null;
  recurrence: RecurrenceValue;
}

export const STEPS = ['message', 'targets', 'channels', 'schedule', 'preview'] as const;
export type StepKey = (typeof STEPS)[number];

export function initialChoices(messageId: string | null): WizardChoices {
  return {
    messageId,
    unitIds: [],
    villageIds: [],
    tags: [],
    channels: [],
    smsWithoutDiacritics: false,
    mode: 'once',
    at: null,
    recurrence: defaultRecurrence(null),
  };
}

function toSchedule(c: WizardChoices, tz: string): ScheduleRequest {
  const at = c.at as dayjs.Dayjs;
  if (c.mode === 'once') return { kind: 'once', at: toZonedIso(at.second(0), tz) };
  const r = c.recurrence;
  return {
    kind: 'recurring',
    rrule: toRrule(r),
    startsAt: at.format('YYYY-MM-DDTHH:mm'),
    ...(r.end === 'count' ? { count: r.count } : { until: toZonedIso(dayjs(r.untilDate).endOf('day'), tz) }),
  };
}

export function toRequest(c: WizardChoices, tz: string): BroadcastRequest {
  return {
    messageId: c.messageId as string,
    channels: c.channels,
    targets: { unitIds: c.unitIds, villageIds: c.villageIds, tags: c.tags },
    schedule: toSchedule(c, tz),
    smsWithoutDiacritics: c.channels.includes('sms') ? c.smsWithoutDiacritics : false,
  };
}

/** The chosen time read back in Vietnamese; null until a date-time is picked. */
export function describeSchedule(c: WizardChoices): string | null {
  if (!c.at) return null;
  if (c.mode === 'once') return `Phát một lần lúc ${c.at.format('HH:mm')} ${c.at.format('dddd')}, ngày ${c.at.format('DD/MM/YYYY')}`;
  return describeRecurrence(toRrule(c.recurrence), c.at.format('YYYY-MM-DDTHH:mm'), {
    count: c.recurrence.end === 'count' ? c.recurrence.count : null,
    untilDate: c.recurrence.end === 'until' ? c.recurrence.untilDate : null,
  });
}

/** What keeps a step from being left, in words; null when it is complete. */
export function stepProblem(step: StepKey, c: WizardChoices, tz: string): string | null {
  switch (step) {
    case 'message':
      return c.messageId ? null : 'Chọn một tin bài đã duyệt';
    case 'targets':
      return c.unitIds.length ? null : 'Chọn ít nhất một đơn vị nhận tin';
    case 'channels':
      return c.channels.length ? null : 'Chọn ít nhất một kênh phát';
    case 'schedule':
      if (!c.at) return 'Chọn ngày và giờ phát';
      if (c.mode === 'once' && dayjs.tz(c.at.format('YYYY-MM-DDTHH:mm'), tz).isBefore(dayjs())) return 'Thời điểm phát đã qua';
      if (c.mode === 'recurring' && c.recurrence.freq === 'WEEKLY' && !c.recurrence.byDay.length) return 'Chọn ít nhất một ngày trong tuần';
      if (c.mode === 'recurring' && c.recurrence.end === 'until' && !c.recurrence.untilDate) return 'Chọn ngày kết thúc';
      return null;
    default:
      return null;
  }
}

/** The API's field errors grouped by the step that holds the field (`channels[1]` → channels). */
export type StepErrors = Partial<Record<StepKey, { field: string; message: string }[]>>;

function stepOfField(field: string): StepKey {
  if (field.startsWith('messageId')) return 'message';
  if (field.startsWith('targets')) return 'targets';
  if (field.startsWith('channels') || field === 'sms' || field.startsWith('sms')) return 'channels';
  if (field.startsWith('schedule')) return 'schedule';
  return 'preview';
}

/** Generic rule messages ("phải là UUID") name no field; these say which choice they concern. */
const FIELD_LABELS: [RegExp, string][] = [
  [/^messageId/, 'Tin bài'],
  [/^targets\.unitIds/, 'Đơn vị nhận'],
  [/^targets\.villageIds/, 'Thôn/tổ dân phố'],
  [/^targets\.tags/, 'Nhãn người nhận'],
];

function withLabel(field: string, message: string): string {
  const label = FIELD_LABELS.find(([re]) => re.test(field))?.[1];
  return label && !message.startsWith(label) ? `${label}: ${message}` : message;
}

export function groupErrors(error: unknown): StepErrors {
  if (!(error instanceof ApiError)) return { preview: [{ field: '', message: 'Không kết nối được máy chủ. Lựa chọn của bạn vẫn được giữ, hãy thử lại.' }] };
  const details = error.body.details ?? [];
  if (!details.length) return { [error.status === 404 ? 'message' : 'preview']: [{ field: '', message: error.message }] };
  const out: StepErrors = {};
  for (const d of details) (out[stepOfField(d.field)] ??= []).push({ field: d.field, message: withLabel(d.field, d.message) });
  return out;
}
