import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { Page } from '../../lib/api-loose';
import type { AuditEvent, ContentModel, MessageContent, MessageSummary, MessageView, VersionSummary, VersionView } from './message-types';

/** Calls of the message screens; answers are typed by the schema, the editor's bodies are cast to its DTOs. */

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
    queryFn: async () => unwrap(api.GET('/api/v1/reference/content-model')),
    staleTime: Infinity,
  });
}

export function labelFrom(list: { code: string; label: string }[] | undefined, code: string | null | undefined): string {
  if (!code) return '—';
  return list?.find((x) => x.code === code)?.label ?? code;
}

export async function listMessages(params: Record<string, string>): Promise<Page<MessageSummary>> {
  const query = { page: 1, pageSize: 20, ...params };
  return unwrap(api.GET('/api/v1/messages', { params: { query: query as never } }));
}

export async function getMessage(id: string): Promise<MessageView> {
  return unwrap(api.GET('/api/v1/messages/{id}', { params: { path: { id } } }));
}

export async function getVersions(id: string): Promise<VersionSummary[]> {
  return unwrap(api.GET('/api/v1/messages/{id}/versions', { params: { path: { id } } }));
}

export async function getVersion(id: string, no: number): Promise<VersionView> {
  return unwrap(api.GET('/api/v1/messages/{id}/versions/{no}', { params: { path: { id, no } } }));
}

export async function getAudit(id: string): Promise<Page<AuditEvent>> {
  const query = { page: 1, pageSize: 100 };
  return unwrap(api.GET('/api/v1/messages/{id}/audit', { params: { path: { id }, query } }));
}

export async function createMessage(content: MessageContent & { unitId?: string }): Promise<MessageView> {
  return unwrap(api.POST('/api/v1/messages', { body: content as never }));
}

export async function editMessage(id: string, baseVersion: number, content: MessageContent): Promise<MessageView> {
  return unwrap(api.PUT('/api/v1/messages/{id}', { params: { path: { id } }, body: { ...content, baseVersion } as never }));
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
  return unwrap(call);
}

export async function inbox(page: number, pageSize = 10): Promise<Page<MessageSummary>> {
  return unwrap(api.GET('/api/v1/inbox', { params: { query: { page, pageSize } } }));
}
