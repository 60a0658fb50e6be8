import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { AuditEvent, ContentModel, MessageContent, MessageSummary, MessageView, Page, VersionSummary, VersionView } from './message-types';

/** Calls of the message screens; each answer is cast to the shapes in message-types.ts. */

export const messageKeys = {
  list: (params: Record<string, string>) => ['messages', 'list', params] as const,
  one: (id: string) => ['messages', id] as const,
  versions: (id: string) => ['messages', id, 'versions'] as const,
  version: (id: string, no: number) => ['messages', id, 'versions', no] as const,
  audit: (id: string) => ['messages', id, 'audit'] as const,
  inbox: (page: number) => ['inbox', page] as const,
};

export function useContentModel() {
  return useQuery({
    queryKey: ['reference', 'content-model'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/reference/content-model'))) as unknown as ContentModel,
    staleTime: Infinity,
  });
}

export function labelFrom(list: { code: string; label: string }[] | undefined, code: string | null | undefined): string {
  if (!code) return '—';
  return list?.find((x) => x.code === code)?.label ?? code;
}

export async function listMessages(params: Record<string, string>): Promise<Page<MessageSummary>> {
  const query = { page: 1, pageSize: 20, ...params };
  return (await unwrap(api.GET('/api/v1/messages', { params: { query: query as never } }))) as unknown as Page<MessageSummary>;
}

export async function getMessage(id: string): Promise<MessageView> {
  return (await unwrap(api.GET('/api/v1/messages/{id}', { params: { path: { id } } }))) as unknown as MessageView;
}

export async function getVersions(id: string): Promise<VersionSummary[]> {
  return (await unwrap(api.GET('/api/v1/messages/{id}/versions', { params: { path: { id } } }))) as unknown as VersionSummary[];
}

export async function getVersion(id: string, no: number): Promise<VersionView> {
  return (await unwrap(api.GET('/api/v1/messages/{id}/versions/{no}', { params: { path: { id, no } } }))) as unknown as VersionView;
}

export async function getAudit(id: string): Promise<Page<AuditEvent>> {
  const query = { page: 1, pageSize: 100 };
  return (await unwrap(api.GET('/api/v1/messages/{id}/audit', { params: { path: { id }, query: query as never } }))) as unknown as Page<AuditEvent>;
}

export async function createMessage(content: MessageContent & { unitId?: string }): Promise<MessageView> {
  return (await unwrap(api.POST('/api/v1/messages', { body: content as never }))) as unknown as MessageView;
}

export async function editMessage(id: string, baseVersion: number, content: MessageContent): Promise<MessageView> {
  return (await unwrap(api.PUT('/api/v1/messages/{id}', { params: { path: { id } }, body: { ...content, baseVersion } as never }))) as unknown as MessageView;
}

export type ReviewStep = 'submit' | 'approve' | 'return';

export async function workflowStep(id: string, step: ReviewStep, version: number, comment?: string): Promise<MessageView> {
  const body = { version, ...(comment ? { comment } : {}) } as never;
  const options = { params: { path: { id } }, body };
  const call =
    step === 'submit'
      ? api.POST('/api/v1/messages/{id}/submit', options)
      : step === 'approve'
        ? api.POST('/api/v1/messages/{id}/approve', options)
        : api.POST('/api/v1/messages/{id}/return', options);
  return (await unwrap(call)) as unknown as MessageView;
}

export async function inbox(page: number, pageSize = 10): Promise<Page<MessageSummary>> {
  return (await unwrap(api.GET('/api/v1/inbox', { params: { query: { page, pageSize } as never } }))) as unknown as Page<MessageSummary>;
}
