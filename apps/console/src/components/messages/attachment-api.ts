import { useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { Attachment } from './message-types';

export const ACCEPTED_TYPES = ['audio/mpeg', 'audio/wav', 'audio/x-wav', 'audio/ogg', 'image/jpeg', 'image/png', 'image/webp'];
export const ACCEPT_ATTRIBUTE = '.mp3,.wav,.ogg,.jpg,.jpeg,.png,.webp,' + ACCEPTED_TYPES.join(',');

export async function uploadAttachment(file: File, unitId?: string): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (unitId) form.append('unitId', unitId);
  const call = api.POST('/api/v1/attachments', { body: form as never, bodySerializer: (b: unknown) => b as FormData });
  return (await unwrap(call)) as unknown as Attachment;
}

export function useAttachments(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: ['attachments', id],
      queryFn: () => unwrap(api.GET('/api/v1/attachments/{id}', { params: { path: { id } } })),
      staleTime: Infinity,
    })),
  });
}

/**
 * The bytes of an attachment as an object URL (the content route wants the bearer token, so an
 * <img src> cannot load it directly); revoked when the component lets go of it.
 */
export function useAttachmentUrl(id: string | null | undefined): string | null {
  const blob = useQuery({
    queryKey: ['attachments', id, 'content'],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/attachments/{id}/content', { params: { path: { id: id! } }, parseAs: 'blob' }))) as unknown as Blob,
    enabled: !!id,
    staleTime: Infinity,
  });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob.data) return setUrl(null);
    const u = URL.createObjectURL(blob.data);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob.data]);
  return url;
}
