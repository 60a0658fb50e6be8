import { Alert, Descriptions, Flex, Grid, List, Spin, Table, Typography } from 'antd';
import { formatNumber, formatVnd } from '../../lib/format';
import { CHANNEL } from '../../lib/labels';
import { dayjs } from '../../lib/time';
import type { BroadcastPreview } from './broadcast-api';

export const RECIPIENT_WORD: Record<string, string> = {
  sms: 'số điện thoại',
  loudspeaker: 'cụm loa',
  board: 'bảng tin',
  zalo: 'tài khoản',
  facebook: 'trang',
};

/** Step 5: what will happen, in words, before "Xác nhận". */
export function WizardPreviewStep({
  preview,
  loading,
  errors,
  summary,
}: {
  preview: BroadcastPreview | undefined;
  loading: boolean;
  errors?: { message: string }[];
  summary: { label: string; value: string }[];
}) {
  const count = preview?.occurrenceCount ?? preview?.occurrences.length;
  // On a phone the label goes above its value, so long values keep their width.
  const layout = Grid.useBreakpoint().sm ? 'horizontal' : 'vertical';
  return (
    <Flex vertical gap={16}>
      <Descriptions size="small" column={1} bordered layout={layout} items={summary.map((s) => ({ key: s.label, label: s.label, children: s.value }))} />
      {loading && <Spin aria-label="Đang tính bản xem trước" />}
      {errors?.map((e) => (
        <Alert key={e.message} type="error" showIcon title={e.message} />
      ))}
      {preview && (
        <>
          {(preview.warnings ?? []).map((w) => (
            <Alert key={w.code + w.message} type="warning" showIcon title={w.message} />
          ))}
          <Table
            size="small"
            pagination={false}
            rowKey="channel"
            caption={<Typography.Text strong>Nơi nhận theo kênh</Typography.Text>}
            dataSource={Object.entries(preview.recipients).map(([channel, n]) => ({ channel, n }))}
            columns={[
              { title: 'Kênh', dataIndex: 'channel', render: (c: string) => CHANNEL[c] ?? c },
              { title: 'Số nơi nhận mỗi lần phát', dataIndex: 'n', align: 'right', render: (n: number, r) => `${formatNumber(n)} ${RECIPIENT_WORD[r.channel] ?? ''}` },
            ]}
          />
          {preview.sms && (
            <Descriptions
              layout={layout}
              size="small"
              column={{ xs: 1, md: 2 }}
              title="Tin nhắn SMS"
              items={[
                { key: 'enc', label: 'Bảng mã', children: preview.sms.encoding === 'GSM-7' ? 'Không dấu (GSM-7)' : `Có dấu (${preview.sms.encoding})` },
                { key: 'chars', label: 'Số ký tự', children: formatNumber(preview.sms.characters) },
                { key: 'parts', label: 'Số tin ghép', children: `${preview.sms.parts} (tối đa ${preview.sms.maxParts})` },
                { key: 'per', label: 'Giá mỗi tin', children: formatVnd(preview.estimatedCost?.perPart) },
                { key: 'text', label: 'Nội dung gửi đi', children: <span style={{ whiteSpace: 'pre-wrap' }}>{preview.sms.text}</span> },
              ]}
            />
          )}
          <Descriptions
            layout={layout}
            size="small"
            column={1}
            title="Số lần phát và chi phí"
            items={[
              {
                key: 'count',
                label: 'Số lần phát',
                children:
                  preview.occurrenceCount === undefined && preview.occurrences.length >= 10
                    ? `Ít nhất ${preview.occurrences.length}`
                    : `${formatNumber(count)}${preview.occurrenceCountCapped ? ' (tính trong 1 năm tới; lịch chưa có điểm kết thúc)' : ''}`,
              },
              ...(preview.estimatedCost
                ? [
                    { key: 'one', label: 'Chi phí SMS mỗi lần phát (ước tính)', children: formatVnd(preview.estimatedCost.perOccurrence) },
                    {
                      key: 'total',
                      label: 'Tổng chi phí SMS (ước tính)',
                      children: <strong>{formatVnd(preview.estimatedCost.total ?? preview.estimatedCost.perOccurrence * (count ?? 1))}</strong>,
                    },
                  ]
                : []),
            ]}
          />
          <div>
            <Typography.Text strong>Các lần phát đầu tiên (giờ địa phương)</Typography.Text>
            <List
              size="small"
              dataSource={preview.occurrences}
              renderItem={(o) => <List.Item>{dayjs(o.local).format('dddd, DD/MM/YYYY HH:mm')}</List.Item>}
            />
          </div>
        </>
      )}
    </Flex>
  );
}
