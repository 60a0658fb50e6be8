import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CONTENT_GROUPS } from '#domain/index.js';
import { ACTIVITY_KIND_LABELS } from '#domain/plans/plan-model.js';
import type { BreakdownRow, ReportFigures } from './report-query.repository.js';
import type { ReportSummary } from './report-summary.js';

export const REPORT_TITLE = 'Báo cáo kết quả thông tin, tuyên truyền cải cách hành chính';

/** The figures an administrative report lists, in its order, with the Vietnamese wording and unit of count. */
export const WORKBOOK_FIGURES: { key: keyof ReportFigures; label: string; unit: string }[] = [
  { key: 'messagesApproved', label: 'Tin bài được phê duyệt', unit: 'tin bài' },
  { key: 'broadcastsRun', label: 'Đợt phát tin đã thực hiện', unit: 'đợt' },
  { key: 'occurrencesRun', label: 'Lượt phát tin', unit: 'lượt' },
  { key: 'delivered', label: 'Tin đã đến người nhận', unit: 'tin' },
  { key: 'sent', label: 'Tin đã gửi (chưa có báo nhận)', unit: 'tin' },
  { key: 'undelivered', label: 'Tin không đến được người nhận', unit: 'tin' },
  { key: 'failed', label: 'Tin gửi thất bại', unit: 'tin' },
  { key: 'optedOut', label: 'Người dân đã từ chối nhận tin', unit: 'tin' },
  { key: 'cancelled', label: 'Tin đã hủy', unit: 'tin' },
  { key: 'smsParts', label: 'Số phần tin nhắn SMS', unit: 'phần' },
  { key: 'smsCostVnd', label: 'Chi phí tin nhắn SMS', unit: 'đồng' },
  { key: 'loudspeakerPlays', label: 'Lượt phát trên loa truyền thanh', unit: 'lượt' },
  { key: 'airtimeSeconds', label: 'Thời lượng phát trên loa', unit: 'giây' },
  { key: 'boardShowings', label: 'Lượt hiển thị trên bảng tin điện tử', unit: 'lượt' },
  { key: 'socialPosts', label: 'Bài đăng trên mạng xã hội (Zalo, Facebook)', unit: 'bài' },
  { key: 'citizensReached', label: 'Người dân được tiếp cận qua SMS', unit: 'người' },
];

export interface WorkbookInput {
  summary: ReportSummary;
  byUnit: BreakdownRow[];
  byContentGroup: BreakdownRow[];
  /** The day the report is signed, YYYY-MM-DD (local). */
  signedOn: string;
}

const vnDate = (iso: string) => iso.split('-').reverse().join('/');
const GROUP_LABELS: Record<string, string> = Object.fromEntries(CONTENT_GROUPS.map((g) => [g.code, g.label]));
const BOLD = { bold: true };

/**
 * The report as an .xlsx laid out like an administrative report (unit, national motto, title, period,
 * numbered tables with totals, signature block), written by exceljs' streaming writer.
 */
export function writeReportWorkbook(input: WorkbookInput): Readable {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const { summary } = input;
  const period = `Kỳ báo cáo: từ ngày ${vnDate(summary.period.from)} đến ngày ${vnDate(summary.period.to)}`;

  const totals = workbook.addWorksheet('Tổng hợp');
  totals.columns = [{ width: 6 }, { width: 48 }, { width: 12 }, { width: 14 }, { width: 14 }];
  totals.addRow([summary.unit.name.toUpperCase(), '', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']).font = BOLD;
  totals.addRow(['', '', '', 'Độc lập - Tự do - Hạnh phúc']).font = BOLD;
  totals.addRow([]);
  totals.addRow([REPORT_TITLE]).font = { bold: true, size: 14 };
  totals.addRow([period]);
  totals.addRow([`Kỳ trước: từ ngày ${vnDate(summary.previousPeriod.from)} đến ngày ${vnDate(summary.previousPeriod.to)}`]);
  totals.addRow([]);
  totals.addRow(['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kỳ này', 'Kỳ trước']).font = BOLD;
  WORKBOOK_FIGURES.forEach((f, i) => totals.addRow([i + 1, f.label, f.unit, summary.current[f.key] ?? 0, summary.previous[f.key] ?? 0]).commit());
  activitiesSection(totals, summary);
  totals.addRow([]);
  const [year, month, day] = input.signedOn.split('-');
  totals.addRow(['', '', '', `Ngày ${day} tháng ${month} năm ${year}`]);
  totals.addRow(['', 'Người lập biểu', '', 'Thủ trưởng đơn vị']).font = BOLD;
  totals.addRow(['', '(Ký, ghi rõ họ tên)', '', '(Ký tên, đóng dấu)']);
  totals.commit();

  breakdownSheet(workbook, 'Theo đơn vị', 'Đơn vị', input.byUnit, (r) => (r.unit?.own ? `${r.unit.name} (trực tiếp)` : (r.unit?.name ?? '')), summary, period);
  breakdownSheet(workbook, 'Theo nhóm nội dung', 'Nhóm nội dung', input.byContentGroup, (r) => GROUP_LABELS[r.key ?? ''] ?? r.key ?? '', summary, period);
  void workbook.commit().catch((err: Error) => stream.destroy(err));
  return stream;
}

function breakdownSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  heading: string,
  rows: BreakdownRow[],
  label: (row: BreakdownRow) => string,
  summary: ReportSummary,
  period: string,
): void {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = [{ width: 6 }, { width: 40 }, ...WORKBOOK_FIGURES.map(() => ({ width: 14 })), { width: 14 }, { width: 14 }];
  sheet.addRow([`${REPORT_TITLE} — ${name.toLowerCase()}`]).font = { bold: true, size: 13 };
  sheet.addRow([summary.unit.name]);
  sheet.addRow([period]);
  sheet.addRow([]);
  sheet.addRow(['STT', heading, ...WORKBOOK_FIGURES.map((f) => `${f.label} (${f.unit})`), ...ACTIVITY_COLUMNS]).font = BOLD;
  rows.forEach((r, i) =>
    sheet.addRow([i + 1, label(r), ...WORKBOOK_FIGURES.map((f) => r.figures[f.key] ?? ''), r.activities?.activities ?? 0, r.activities?.participants ?? 0]).commit(),
  );
  // Citizens are distinct people, not a sum of the rows: the total is the period's own count. An activity of
  // two content groups counts in each row, so the activities' total is the period's own count too.
  const { activities } = summary.activities.current;
  const total = sheet.addRow(['', 'Tổng cộng', ...WORKBOOK_FIGURES.map((f) => summary.current[f.key] ?? 0), activities, summary.activities.current.participants]);
  total.font = BOLD;
  total.commit();
  sheet.commit();
}

/** The last columns of the breakdown sheets: activities that are not broadcasts. */
export const ACTIVITY_COLUMNS = ['Hoạt động khác (hoạt động)', 'Người tham dự hoạt động khác (người)'];

export const ACTIVITIES_SECTION = 'Hoạt động khác';

/**
 * Conferences, dialogues, contests… recorded by officers, below the broadcast figures of the summary
 * sheet: one row per kind with this period and the one before, then the total.
 */
function activitiesSection(sheet: ExcelJS.Worksheet, summary: ReportSummary): void {
  sheet.addRow([]);
  sheet.addRow(['', ACTIVITIES_SECTION]).font = BOLD;
  sheet.addRow(['STT', 'Loại hoạt động', 'Đơn vị tính', 'Kỳ này', 'Kỳ trước']).font = BOLD;
  const { current, previous } = summary.activities;
  const kinds = [...new Set([...current.byKind, ...previous.byKind].map((k) => k.kind))];
  kinds.forEach((kind, i) => {
    const label = (ACTIVITY_KIND_LABELS as Record<string, string>)[kind] ?? kind;
    const count = (t: typeof current) => t.byKind.find((k) => k.kind === kind)?.activities ?? 0;
    sheet.addRow([i + 1, label, 'hoạt động', count(current), count(previous)]).commit();
  });
  const total = sheet.addRow(['', 'Tổng số hoạt động', 'hoạt động', current.activities, previous.activities]);
  total.font = BOLD;
  total.commit();
  const people = sheet.addRow(['', 'Số người tham dự', 'người', current.participants, previous.participants]);
  people.font = BOLD;
  people.commit();
}
