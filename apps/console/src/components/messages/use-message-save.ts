import { useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { applyApiErrors } from '../../lib/form-errors';
import { createMessage, editMessage, messageKeys, workflowStep } from './message-api';
import { contentOf, type MessageFormValues } from './message-form-values';
import type { MessageView } from './message-types';

export type SaveOutcome = { ok: true; message: MessageView } | { ok: false };

/**
 * Saving and submitting from the editor. A failed request leaves the form as typed: field errors go
 * next to their fields, anything else into `problem`; a 409 (someone saved a newer version) into
 * `conflict`, which the page offers to resolve without losing the input. `onSaved` hears of every
 * stored version, also the one written before a submit that then failed.
 */
export function useMessageSave(form: FormInstance<MessageFormValues>, messageId: string | undefined, onSaved: (m: MessageView) => void) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  // A new message has an id as soon as it is created, before the page has moved to its address.
  const idRef = useRef(messageId);
  idRef.current ??= messageId;

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.status === 409) {
      setConflict(e.message);
      if (idRef.current) void queryClient.invalidateQueries({ queryKey: messageKeys.one(idRef.current) });
    } else setProblem(applyApiErrors(form, e));
  };

  const saved = (m: MessageView) => {
    idRef.current = m.id;
    queryClient.setQueryData(messageKeys.one(m.id), m);
    void queryClient.invalidateQueries({ queryKey: ['messages', m.id] });
    void queryClient.invalidateQueries({ queryKey: ['messages', 'list'] });
    onSaved(m);
  };

  async function write(baseVersion: number | null): Promise<MessageView> {
    const values = form.getFieldsValue(true) as MessageFormValues;
    const content = contentOf(values);
    const id = idRef.current;
    return id && baseVersion != null ? editMessage(id, baseVersion, content) : createMessage({ ...content, unitId: values.unitId || undefined });
  }

  async function run(kind: 'save' | 'submit', work: () => Promise<MessageView>): Promise<SaveOutcome> {
    setProblem(null);
    setConflict(null);
    try {
      await form.validateFields();
    } catch {
      setProblem('Còn trường chưa hợp lệ, xem thông báo cạnh từng trường.');
      return { ok: false };
    }
    setBusy(kind);
    try {
      const m = await work();
      saved(m);
      return { ok: true, message: m };
    } catch (e) {
      fail(e);
      return { ok: false };
    } finally {
      setBusy(null);
    }
  }

  return {
    busy,
    problem,
    conflict,
    clearConflict: () => setConflict(null),
    /** A new version from `baseVersion` (or a new message). */
    save: (baseVersion: number | null) => run('save', () => write(baseVersion)),
    /** Saves first when there is something to save (a returned message needs a new version), then submits. */
    submit: (baseVersion: number | null, mustSave: boolean) =>
      run('submit', async () => {
        const current = mustSave ? await write(baseVersion) : null;
        if (current) saved(current);
        const id = current?.id ?? idRef.current!;
        return workflowStep(id, 'submit', current?.currentVersion ?? baseVersion!);
      }),
  };
}
