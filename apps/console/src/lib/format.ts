const vnd = new Intl.NumberFormat('vi-VN');

export function formatNumber(n: number | null | undefined): string {
  return n == null ? '—' : vnd.format(n);
}

export function formatVnd(n: number | null | undefined): string {
  return n == null ? '—' : `${vnd.format(n)} ₫`;
}

export function formatPercent(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)}%` : '—';
}
