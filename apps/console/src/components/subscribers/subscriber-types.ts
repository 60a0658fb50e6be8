/** Answers of /api/v1/subscribers and its imports. */
export interface Subscriber {
  id: string;
  phone: string;
  fullName: string | null;
  unitId: string;
  unitName: string;
  villageId: string | null;
  villageName: string | null;
  tags: string[];
  consentSource: string;
  consentAt: string;
  preferredLanguage: string;
  optedOut: boolean;
  optedOutAt: string | null;
  optOutSource: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SubscriberImport {
  id: string;
  unitId: string;
  fileName: string;
  status: 'running' | 'completed' | 'failed';
  /** Rows read so far; `processedRows` in newer answers. */
  rowsRead?: number;
  processedRows?: number;
  /** Known once the file has been counted (xlsx at once, csv maybe never). */
  totalRows?: number | null;
  inserted: number;
  merged: number;
  rejected: number;
  failure: string | null;
  createdAt: string;
  updatedAt: string;
}

export const CONSENT_SOURCE: Record<string, string> = {
  form: 'Tự đăng ký trên web',
  sms: 'Nhắn tin đăng ký',
  import: 'Nhập từ danh sách',
  officer: 'Cán bộ ghi nhận',
  paper: 'Phiếu đăng ký có chữ ký',
};

export const OPT_OUT_SOURCE: Record<string, string> = {
  sms: 'người dân nhắn từ chối',
  officer: 'cán bộ ghi nhận',
  provider: 'nhà mạng báo',
};

/** +84912345678 → 0912 345 678, the way officers read numbers. */
export function formatPhone(e164: string): string {
  const m = /^\+84(\d{3})(\d{3})(\d{3})$/.exec(e164);
  return m ? `0${m[1]} ${m[2]} ${m[3]}` : e164;
}
