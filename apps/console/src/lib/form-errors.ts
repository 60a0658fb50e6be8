import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts the API's per-field errors next to the fields they concern (the form keeps its input) and
 * returns the message for what no field holds. `field` is a dotted path such as `renditions.sms`.
 */
export function applyApiErrors(form: FormInstance, error: unknown): string | null {
  if (!(error instanceof ApiError)) return 'Không kết nối được máy chủ. Nội dung vẫn được giữ, hãy thử lại.';
  const names = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
  const unplaced: string[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const d of error.body.details ?? []) {
    const path = d.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (names.has(String(path[0]))) fields.push({ name: path, errors: [d.message] });
    else unplaced.push(d.message);
  }
  if (fields.length) form.setFields(fields);
  if (!fields.length || unplaced.length) return unplaced.length ? unplaced.join('; ') : error.message;
  return null;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.body.details?.length ? error.body.details.map((d) => d.message).join('; ') : error.message;
  return 'Không kết nối được máy chủ. Hãy thử lại.';
}
