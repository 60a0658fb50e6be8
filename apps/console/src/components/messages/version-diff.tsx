import { Descriptions, Grid, Typography } from 'antd';
import type { ContentModel, VersionView } from './message-types';
import { labelFrom } from './message-api';
import { WordDiff } from './word-diff';

type Field = { label: string; text: (c: VersionView, m?: ContentModel) => string };

const labels = (list: { code: string; label: string }[] | undefined, codes: string[]) => codes.map((c) => labelFrom(list, c)).join(', ');

const FIELDS: Field[] = [
  { label: 'Tiêu đề', text: (c) => c.title },
  { label: 'Nội dung', text: (c) => c.body },
  { label: 'Nhóm nội dung', text: (c, m) => labelFrom(m?.contentGroups, c.contentGroup) },
  { label: 'Mức ưu tiên', text: (c, m) => labelFrom(m?.priorities, c.priority) },
  { label: 'Lĩnh vực cải cách', text: (c, m) => labels(m?.reformAreas, c.reformAreas ?? []) },
  { label: 'Chỉ số', text: (c, m) => labels(m?.indices, c.indices ?? []) },
  { label: 'Đối tượng', text: (c, m) => labels(m?.audiences, c.audiences ?? []) },
  { label: 'Tin nhắn SMS', text: (c) => c.renditions?.sms ?? '' },
  { label: 'Kịch bản loa', text: (c) => c.renditions?.loudspeaker ?? '' },
  { label: 'Bảng tin – tiêu đề', text: (c) => c.renditions?.board?.title ?? '' },
  { label: 'Bảng tin – nội dung', text: (c) => c.renditions?.board?.body ?? '' },
  { label: 'Mạng xã hội', text: (c) => c.renditions?.social ?? '' },
  { label: 'Tệp đính kèm', text: (c) => `${c.attachmentIds?.length ?? 0} tệp` },
];

/**
 * Field by field word diff of two versions of a message. Without `before` (a message never
 * approved) every field is shown as it is. `onlyChanged` hides fields that did not change.
 */
export function VersionDiff({
  before,
  after,
  model,
  onlyChanged = false,
}: {
  before: VersionView | null;
  after: VersionView;
  model: ContentModel | undefined;
  onlyChanged?: boolean;
}) {
  const wide = Grid.useBreakpoint().md;
  const rows = FIELDS.map((f) => ({ label: f.label, a: before ? f.text(before, model) : '', b: f.text(after, model) }))
    .filter((r) => r.a || r.b)
    .filter((r) => !onlyChanged || !before || r.a !== r.b);
  if (!rows.length) return <Typography.Text type="secondary">Không có thay đổi nội dung.</Typography.Text>;
  return (
    <Descriptions
      bordered
      size="small"
      layout={wide ? 'horizontal' : 'vertical'}
      column={1}
      styles={{ label: wide ? { width: 150, verticalAlign: 'top' } : {} }}
      items={rows.map((r) => ({
        key: r.label,
        label: r.label,
        children: before ? <WordDiff before={r.a} after={r.b} /> : <span style={{ whiteSpace: 'pre-wrap' }}>{r.b}</span>,
      }))}
    />
  );
}
