import type { components } from '../../api/schema';
import { TAG_COLOR, type StatusMap } from '../../lib/labels';

type Schemas = components['schemas'];

/** Answers of /api/v1/loudspeakers and /api/v1/boards the device screens read. */
export type StationKind = Schemas['StationDto']['kind'];

export const STATION_KIND: Record<StationKind, string> = {
  'ip-cluster': 'Cụm loa IP',
  'commune-radio': 'Đài truyền thanh xã',
  'district-radio': 'Đài truyền thanh huyện',
};

export type Station = Schemas['StationDto'];
export type Slot = Schemas['SlotDto'];
export type StationDetail = Schemas['StationDetailDto'];
export type StationGroup = Schemas['GroupDto'];
export type Airtime = Schemas['AirtimeDto'];
export type Board = Schemas['BoardDto'];

/** What the device needs to be set up: shown once, after create or rotate. */
export interface IssuedToken {
  deviceName: string;
  token: string;
  kioskUrl?: string;
}

/** A loudspeaker station's or a board's connection. */
export const DEVICE_STATE: StatusMap = {
  online: { label: 'Đang kết nối', color: TAG_COLOR.green },
  offline: { label: 'Mất kết nối', color: TAG_COLOR.red },
};
