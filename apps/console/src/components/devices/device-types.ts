/** Answers of /api/v1/loudspeakers and /api/v1/boards the device screens read. */
export type StationKind = 'ip-cluster' | 'commune-radio' | 'district-radio';

export const STATION_KIND: Record<StationKind, string> = {
  'ip-cluster': 'Cụm loa IP',
  'commune-radio': 'Đài truyền thanh xã',
  'district-radio': 'Đài truyền thanh huyện',
};

export interface Station {
  id: string;
  unitId: string;
  timeZone: string | null;
  groupId: string | null;
  name: string;
  kind: StationKind;
  vendor: string | null;
  location: string | null;
  villageIds: string[];
  lastSeenAt: string | null;
  createdAt: string;
  online: boolean;
}

export interface Slot {
  id: string;
  stationId: string | null;
  groupId: string | null;
  label: string;
  daysOfWeek: number[];
  startTime: string;
  endTime: string;
  validFrom: string | null;
  validUntil: string | null;
}

export interface StationDetail extends Station {
  slots: Slot[];
}

export interface StationGroup {
  id: string;
  unitId: string;
  name: string;
}

export interface Airtime {
  stationId: string;
  timeZone: string;
  from: string;
  to: string;
  totalMinutes: number;
  days: { day: string; minutes: number; byContentGroup: Record<string, number> }[];
}

export interface Board {
  id: string;
  unitId: string;
  unitName: string;
  villageId: string | null;
  villageName: string | null;
  name: string;
  location: string | null;
  online: boolean;
  lastSeenAt: string | null;
  shownVersion: string | null;
  tokenIssuedAt: string;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** What the device needs to be set up: shown once, after create or rotate. */
export interface IssuedToken {
  deviceName: string;
  token: string;
  kioskUrl?: string;
}
