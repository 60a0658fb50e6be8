import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CONTENT_GROUPS } from '#domain/index.js';
import { ACTIVITY_KIND_LABELS, PLAN_METRIC_LABELS, type ActivityKind, type ProgressStatus } from '#domain/plans/index.js';
import type { PlanProgress, TargetProgress } from './plan-progress.js';

export const PROGRESS_HEADER = ['STT', 'Chỉ tiêu', 'Đơn vị', 'Kế hoạch', 'Dự kiến đến ngày', 'Thực hiện', 'Tỷ lệ so với kế hoạch (%)', 'Đánh giá'];

const STATUS_LABELS: Record<ProgressStatus, string> = { ahead: 'Vượt tiến độ', 'on-track': 'Đúng tiến độ', behind: 'Chậm tiến độ' };
const CHANNEL_LABELS: Record<string, string> = { sms: 'Tin nhắn SMS', loudspeaker: 'Loa truyền thanh', board: 'Bảng tin điện tử', zalo: 'Zalo OA', facebook: 'Facebook' };
const GROUP_LABELS: Record<string, string> = Object.fromEntries(CONTENT_GROUPS.map((g) => [g.code, g.label]));
const vnDate = (iso: string) => iso.split('-').reverse().join('/');
const BOLD = { bold: true };

export interface ProgressWorkbookInput {
  unitName: string;
  title: string;
  decisionNumber: string | null;
  progress: PlanProgress;
}

/** What a target counts, in words: the metric, then what it is narrowed to. */
export function targetLabel(t: Pick<TargetProgress, 'metric' | 'activityKind' | 'contentGroup' | 'channel'>): string {
  const parts = [PLAN_METRIC_LABELS[t.metric]];
  if (t.activityKind) parts.push(ACTIVITY_KIND_LABELS[t.activityKind as ActivityKind]);
  if (t.channel) parts.push(`kênh ${CHANNEL_LABELS[t.channel] ?? t.channel}`);
  if (t.contentGroup) parts.push(`nhóm nội dung: ${GROUP_LABELS[t.contentGroup] ?? t.contentGroup}`);
  return parts.join(' – ');
}

/** Plan progress as an .xlsx laid out like an administrative report, one row per target and unit; streamed. */
export function writeProgressWorkbook(input: ProgressWorkbookInput): Readable {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const { progress } = input;
  const sheet = workbook.addWorksheet('Tiến độ');
  sheet.columns = [{ width: 6 }, { width: 48 }, { width: 28 }, { width: 12 }, { width: 16 }, { width: 12 }, { width: 14 }, { width: 16 }];
  sheet.addRow([input.unitName.toUpperCase(), '', '', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']).font = BOLD;
  sheet.addRow(['', '', '', '', 'Độc lập - Tự do - Hạnh phúc']).font = BOLD;
  sheet.addRow([]);
  sheet.addRow([`Tiến độ thực hiện ${input.title}${input.decisionNumber ? ` (${input.decisionNumber})` : ''}`]).font = { bold: true, size: 14 };
  sheet.addRow([`Kỳ kế hoạch: từ ngày ${vnDate(progress.periodFrom)} đến ngày ${vnDate(progress.periodTo)}; số liệu đến ngày ${vnDate(progress.asOf)}`]);
  sheet.addRow([]);
  sheet.addRow(PROGRESS_HEADER).font = BOLD;
  let n = 0;
  for (const target of progress.targets) {
    const label = targetLabel(target);
    for (const u of target.units) {
      const share = u.target === 0 ? null : Math.round((u.actual / u.target) * 10_000) / 100;
      sheet.addRow([++n, label, u.unitName, u.target, u.expected, u.actual, share ?? '', STATUS_LABELS[u.status]]).commit();
    }
  }
  sheet.addRow([]);
  sheet.addRow(['', `Số đơn vị chậm tiến độ ở ít nhất một chỉ tiêu: ${progress.unitsBehind.length}`]).font = BOLD;
  sheet.addRow([]);
  const [year, month, day] = progress.asOf.split('-');
  sheet.addRow(['', '', '', '', `Ngày ${day} tháng ${month} năm ${year}`]);
  sheet.addRow(['', 'Người lập biểu', '', '', 'Thủ trưởng đơn vị']).font = BOLD;
  sheet.addRow(['', '(Ký, ghi rõ họ tên)', '', '', '(Ký tên, đóng dấu)']);
  sheet.commit();
  void workbook.commit().catch((err: Error) => stream.destroy(err));
  return stream;
}
