import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

type Schemas = components['schemas'];
export type Emergency = Schemas['EmergencyDto'];
export type EmergencyRecord = Schemas['EmergencyRecordDto'];
export type EmergencyPreview = Schemas['EmergencyPreviewDto'];
export type EmergencyPolicy = Schemas['EmergencyPolicyDto'];
/** What a CAP file did: a draft, an Update/Cancel acting on an emergency received before, or nothing (duplicate). */
export type CapImport = Schemas['CapImportDto'];
export type EmergencyStatus = Schemas['EmergencyStatus'];

/** What "Phát khẩn cấp" sends; channels left out means every channel ready to reach the units. */
export interface EmergencyDraft {
  title: string;
  text: string;
  unitIds?: string[];
  channels?: string[];
  /** Every N minutes (whole hours) until a time, or until cancelled. */
  repeat?: { everyMinutes: number; until?: string };
}

const path = (id: string) => ({ params: { path: { id } } });
/** The composer keeps channels as plain strings; the API checks them against its enum. */
const asDraft = (d: EmergencyDraft) => d as Schemas['EmergencyDraftDto'];

/** The emergency routes, typed by the generated schema (npm run api:client). */
export const emergencyApi = {
  preview: (body: EmergencyDraft) => unwrap(api.POST('/api/v1/emergencies/preview', { body: asDraft(body) })),
  send: (body: EmergencyDraft & { password: string }) => unwrap(api.POST('/api/v1/emergencies', { body: { ...asDraft(body), password: body.password } })),
  list: (query: { status?: string; page: number; pageSize: number }) =>
    unwrap(api.GET('/api/v1/emergencies', { params: { query: { ...query, status: query.status as EmergencyStatus | undefined } } })),
  get: (id: string) => unwrap(api.GET('/api/v1/emergencies/{id}', path(id))),
  changes: (id: string) => unwrap(api.GET('/api/v1/emergencies/{id}/changes', path(id))),
  confirm: (id: string, password: string) => unwrap(api.POST('/api/v1/emergencies/{id}/confirm', { ...path(id), body: { password } })),
  sendDraft: (id: string, password: string) => unwrap(api.POST('/api/v1/emergencies/{id}/send', { ...path(id), body: { password } })),
  cancel: (id: string, password: string, reason?: string) =>
    unwrap(api.POST('/api/v1/emergencies/{id}/cancel', { ...path(id), body: { password, ...(reason && { reason }) } })),
  update: (id: string, body: { password: string; title: string; body: string }) => unwrap(api.POST('/api/v1/emergencies/{id}/update', { ...path(id), body })),
  policy: () => unwrap(api.GET('/api/v1/emergencies/policy')),
  setPolicy: (requireSecondSupervisor: boolean) => unwrap(api.PUT('/api/v1/emergencies/policy', { body: { requireSecondSupervisor } })),
  importCap: (file: File): Promise<CapImport> => {
    const form = new FormData();
    form.append('file', file, file.name);
    return unwrap(api.POST('/api/v1/emergencies/cap-imports', { body: form as never, bodySerializer: (b: unknown) => b as FormData }));
  },
};
