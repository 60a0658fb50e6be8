import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Relay = components['schemas']['RelayResponseDto'];
export type RelayAiring = components['schemas']['RelayAiringDto'];
export type RelayReportLine = components['schemas']['RelayReportLineDto'];
export type RelayStatus = components['schemas']['RelayStatus'];

/** The relay routes ("Tin từ cấp trên", docs/devices.md), through the generated client. */
export const relayApi = {
  list: (query: { status?: RelayStatus; page: number; pageSize: number }) => unwrap(api.GET('/api/v1/relays', { params: { query } })),
  airings: (id: string) => unwrap(api.GET('/api/v1/relays/{id}/airings', { params: { path: { id } } })),
  place: (id: string, body: { slotId: string; airsAt: string }) => unwrap(api.POST('/api/v1/relays/{id}/place', { params: { path: { id } }, body })),
  report: (broadcastId: string) => unwrap(api.GET('/api/v1/relays/broadcasts/{broadcastId}/report', { params: { path: { broadcastId } } })),
  setting: (unitId: string) => unwrap(api.GET('/api/v1/relays/settings/{unitId}', { params: { path: { unitId } } })),
  saveSetting: (unitId: string, deadlineHours: number) =>
    unwrap(api.PUT('/api/v1/relays/settings/{unitId}', { params: { path: { unitId } }, body: { deadlineHours } })),
};
