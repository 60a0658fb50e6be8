import { Alert, Flex, List, Spin, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { RECIPIENT_WORD } from '../../components/broadcasts/wizard-preview-step';
import { BoardSlidePreview } from '../../components/messages/board-slide-preview';
import { SpeechPreview } from '../../components/messages/speech-preview';
import { formatNumber, formatVnd } from '../../lib/format';
import { CHANNEL } from '../../lib/labels';
import type { EmergencyPreview } from './emergency-api';

const BOX: React.CSSProperties = { whiteSpace: 'pre-wrap', background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', margin: 0 };

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <Typography.Title level={3} style={{ fontSize: 15, margin: '0 0 6px' }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

/** Recipients per channel in words: "Tin nhắn SMS: 1.204 số điện thoại". */
export function recipientsText(recipients: Record<string, number>, channels: string[]): string[] {
  return channels.map((c) => `${CHANNEL[c] ?? c}: ${formatNumber(recipients[c] ?? 0)} ${RECIPIENT_WORD[c] ?? 'nơi nhận'}`);
}

/**
 * What will go out, as the API derives it from the title and the text: recipients, warnings, the
 * SMS as phones receive it (parts, encoding, shortened), the loudspeaker script, the board slide and
 * the social post. Live: the composer asks again a moment after each change.
 */
export function EmergencyPreviewPanel({
  preview,
  loading,
  problem,
  unitName,
}: {
  preview: EmergencyPreview | undefined;
  loading: boolean;
  problem: string | null;
  unitName: string;
}) {
  if (!preview) {
    return (
      <Flex vertical gap={8}>
        {loading ? (
          <Spin aria-label="Đang tính bản xem trước" />
        ) : (
          <Typography.Text type="secondary">Nhập tiêu đề và nội dung: tin nhắn SMS, lời đọc trên loa, trang bảng tin và bài đăng hiện ở đây.</Typography.Text>
        )}
        {problem && <Alert type="error" showIcon title={problem} />}
      </Flex>
    );
  }
  const { renditions, sms } = preview;
  return (
    <Flex vertical gap={16} aria-busy={loading} data-testid="emergency-preview">
      {loading && <Spin size="small" aria-label="Đang cập nhật bản xem trước" />}
      {problem && <Alert type="error" showIcon title={problem} />}
      <Section title="Nơi nhận">
        <List size="small" bordered dataSource={recipientsText(preview.recipients, preview.channels)} renderItem={(t) => <List.Item>{t}</List.Item>} />
        {preview.estimatedCost && (
          <Typography.Paragraph style={{ margin: '6px 0 0' }}>
            Chi phí SMS ước tính: <strong>{formatVnd(preview.estimatedCost.perOccurrence)}</strong> mỗi lần phát
          </Typography.Paragraph>
        )}
      </Section>
      {/* A channel left out says why next to its checkbox; the other caveats are here. */}
      {preview.warnings.filter((w) => w.code !== 'channel-unavailable').map((w) => (
        <Alert key={w.code + w.message} type={w.code === 'second-supervisor' ? 'info' : 'warning'} showIcon title={w.message} />
      ))}
      {sms && (
        <Section title="Tin nhắn SMS">
          <Flex wrap gap={8} align="center" style={{ marginBottom: 6 }} data-testid="emergency-sms-count">
            <Typography.Text>{formatNumber(sms.characters)} ký tự</Typography.Text>
            <Tag>{sms.encoding === 'GSM-7' ? 'Không dấu (GSM-7)' : `Có dấu (${sms.encoding})`}</Tag>
            <Typography.Text strong>
              {sms.parts} phần tin (tối đa {sms.maxParts})
            </Typography.Text>
            {sms.shortened && <Tag color="#ad4e00">Đã rút gọn</Tag>}
          </Flex>
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {sms.partTexts.map((t, i) => (
              <li key={i} style={{ marginBottom: 4 }}>
                <p style={BOX}>{t}</p>
              </li>
            ))}
          </ol>
        </Section>
      )}
      <Section title="Lời đọc trên loa">
        <p style={BOX}>{renditions.loudspeaker}</p>
        <div style={{ marginTop: 8 }}>
          <SpeechPreview text={renditions.loudspeaker} />
        </div>
      </Section>
      <Section title="Bảng tin điện tử">
        <BoardSlidePreview title={renditions.board.title} body={renditions.board.body} imageId={null} emergency unitName={unitName} />
      </Section>
      <Section title="Bài đăng Zalo OA, Facebook">
        <p style={BOX}>{renditions.social}</p>
      </Section>
    </Flex>
  );
}
