import { getJson, send } from '../../lib/api-loose';

/**
 * The broadcast routes as the team contract describes them (BRIEF, "Broadcasts"). The generated client
 * does not type them all yet, so the calls go through the loose client here and nowhere else.
 */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Targets {
  unitIds: string[];
  villageIds: string[];
  tags: string[];
}

export type ScheduleRequest =
  | { kind: 'once'; at: string }
  | { kind: 'recurring'; rrule: string; startsAt: string; until?: string; count?: number };

export interface BroadcastRequest {
  messageId: string;
  channels: string[];
  targets: Targets;
  schedule: ScheduleRequest;
  smsWithoutDiacritics?: boolean;
}

export interface BroadcastListItem {
  id: string;
  messageId: string;
  messageTitle: string;
  priority: string;
  channels: string[];
  status: string;
  statusNote?: string | null;
  nextDueAt: string | null;
  createdAt: string;
  unitName: string;
}

export interface Broadcast extends BroadcastListItem {
  unitId: string;
  messageVersion: number;
  targets: Targets;
  schedule: ScheduleRequest;
  timeZone: string;
  smsWithoutDiacritics: boolean;
  cancelledAt: string | null;
}

export interface BroadcastPreview {
  recipients: Record<string, number>;
  sms: { text: string; encoding: string; characters: number; parts: number; perPart: number; maxParts: number } | null;
  estimatedCost: { currency: 'VND'; perPart: number; perOccurrence: number; total?: number } | null;
  timeZone: string;
  occurrences: { at: string; local: string }[];
  occurrenceCount?: number;
  occurrenceCountCapped?: boolean;
  warnings?: { code: string; channel?: string; message: string }[];
}

export interface ChannelReadiness {
  channel: string;
  ready: boolean;
  reasons: string[];
}

export interface BroadcastProgress {
  broadcastId: string;
  status: string;
  statusNote?: string | null;
  total: number;
  byStatus: Record<string, number>;
  byChannel: Record<string, Record<string, number>>;
  occurrences: { id: string; dueAt: string; status: string; batchCount: number; statusNote?: string | null }[];
}

export interface Delivery {
  id: string;
  occurrenceId: string;
  channel: string;
  endpoint: string;
  status: string;
  attempts: number;
  failureKind: string | null;
  failureText?: string | null;
  providerCode?: string | null;
  notBefore: string | null;
  sentAt: string | null;
  updatedAt: string;
}

export interface CalendarOccurrence {
  occurrenceId: string;
  broadcastId: string;
  dueAt: string;
  status: string;
  priority: string;
  channels: string[];
  messageTitle: string;
  unitId: string;
  unitName: string;
}

export interface StationProgramme {
  timeZone?: string;
  slots: {
    label: string;
    startsAt: string;
    endsAt: string;
    items: { broadcastId: string; messageTitle: string; priority: string; durationSeconds: number; status: string }[];
  }[];
}

export interface UnitView {
  id: string;
  parentId: string | null;
  level: 'province' | 'district' | 'commune' | 'village';
  name: string;
  fullName: string;
}

type Query = Record<string, string | number | boolean | undefined | null>;

function clean(query: Query | undefined): Record<string, string | number | boolean> | undefined {
  if (!query) return undefined;
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Record<string, string | number | boolean>;
}

export function apiGet<T>(path: string, query?: Query): Promise<T> {
  return getJson<T>(path, { params: { query: clean(query) } });
}

function apiPost<T>(path: string, body: unknown = {}): Promise<T> {
  return send<T>('POST', path, { body });
}

export const broadcastApi = {
  list: (q: Query) => apiGet<Page<BroadcastListItem>>('/api/v1/broadcasts', q),
  get: (id: string) => apiGet<Broadcast>(`/api/v1/broadcasts/${id}`),
  progress: (id: string) => apiGet<BroadcastProgress>(`/api/v1/broadcasts/${id}/progress`),
  deliveries: (id: string, q: Query) => apiGet<Page<Delivery>>(`/api/v1/broadcasts/${id}/deliveries`, q),
  retry: (id: string, deliveryIds?: string[]) => apiPost<{ retried: number }>(`/api/v1/broadcasts/${id}/deliveries/retry`, deliveryIds ? { deliveryIds } : {}),
  cancel: (id: string) => apiPost<{ cancelledDeliveries: number; cancelledOccurrences: number }>(`/api/v1/broadcasts/${id}/cancel`),
  readiness: (body: { messageId: string; targets: Targets }) => apiPost<ChannelReadiness[]>('/api/v1/broadcasts/readiness', body),
  preview: (body: BroadcastRequest) => apiPost<BroadcastPreview>('/api/v1/broadcasts/preview', body),
  create: (body: BroadcastRequest) => apiPost<Broadcast>('/api/v1/broadcasts', body),
  calendar: (q: Query) => apiGet<CalendarOccurrence[]>('/api/v1/calendar/occurrences', q),
  stations: () => apiGet<Page<{ id: string; name: string }>>('/api/v1/loudspeakers/stations', { pageSize: 100 }),
  programme: (stationId: string, date: string) => apiGet<StationProgramme>(`/api/v1/loudspeakers/stations/${stationId}/programme`, { date }),
  units: (q: Query) => apiGet<Page<UnitView>>('/api/v1/units', q),
  unitChildren: (id: string) => apiGet<Page<UnitView>>(`/api/v1/units/${id}/children`, { pageSize: 100 }),
  unit: (id: string) => apiGet<UnitView>(`/api/v1/units/${id}`),
};
