import { Alert, Flex, Switch, Tag, Typography } from 'antd';
import { useId, useMemo } from 'react';
import { smsSegments } from '../../../../../libs/domain/src/sms/segments';
import { stripDiacritics } from '../../../../../libs/domain/src/sms/strip-diacritics';
import { formatNumber, formatVnd } from '../../lib/format';

/** Dark text on a light tint: antd's preset tag colours fall short of WCAG AA contrast. */
const ENCODING_STYLE: Record<string, React.CSSProperties> = {
  'GSM-7': { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  'UCS-2': { color: '#003a8c', background: '#e6f4ff', borderColor: '#91caff' },
};

interface Props {
  text: string;
  withoutDiacritics: boolean;
  onWithoutDiacriticsChange(on: boolean): void;
  /** VND per part; null when the API does not publish it. */
  pricePerPart: number | null;
}

/**
 * The live counter under the SMS text, with the same segment maths the sender uses
 * (libs/domain/src/sms): characters, encoding, parts, and the cost per recipient. "Không dấu" shows the
 * transliterated text that would be sent and counts that instead.
 */
export function SmsCounter({ text, withoutDiacritics, onWithoutDiacriticsChange, pricePerPart }: Props) {
  const switchId = useId();
  const stripped = useMemo(() => stripDiacritics(text), [text]);
  const sent = withoutDiacritics ? stripped.text : text.normalize('NFC');
  const seg = useMemo(() => smsSegments(sent), [sent]);
  const plain = useMemo(() => smsSegments(stripped.text), [stripped.text]);

  return (
    <div style={{ marginTop: -8, marginBottom: 16 }}>
      <Flex wrap gap={8} align="center" role="status" aria-live="polite" aria-label="Bộ đếm tin nhắn SMS">
        <Typography.Text>{formatNumber(seg.characters)} ký tự</Typography.Text>
        <Tag style={ENCODING_STYLE[seg.encoding]} data-testid="sms-encoding">
          {seg.encoding}
        </Tag>
        <Typography.Text strong>{seg.parts} phần tin</Typography.Text>
        <Typography.Text type="secondary">
          (còn {seg.remainingInPart}/{seg.perPart} trong phần này)
        </Typography.Text>
        <Typography.Text>
          Chi phí ước tính:{' '}
          {pricePerPart == null
            ? `${seg.parts} phần tin cho mỗi người nhận (giá tính khi lên lịch phát)`
            : `${formatVnd(seg.parts * pricePerPart)} cho mỗi người nhận`}
        </Typography.Text>
      </Flex>
      <Flex align="center" gap={8} style={{ marginTop: 8 }}>
        <Switch id={switchId} checked={withoutDiacritics} onChange={onWithoutDiacriticsChange} />
        <label htmlFor={switchId}>Không dấu</label>
        {!withoutDiacritics && seg.encoding === 'UCS-2' && plain.parts < seg.parts && (
          <Typography.Text type="secondary">Gửi không dấu chỉ cần {plain.parts} phần tin.</Typography.Text>
        )}
      </Flex>
      {withoutDiacritics && text && (
        <Alert
          style={{ marginTop: 8 }}
          type="info"
          title="Nội dung sẽ gửi (không dấu)"
          description={
            <>
              <div style={{ whiteSpace: 'pre-wrap' }} data-testid="sms-plain-text">
                {stripped.text}
              </div>
              {stripped.replaced.length > 0 && (
                <Typography.Text type="warning">
                  Ký tự không gửi được, sẽ thành “?”: {stripped.replaced.join(' ')}
                </Typography.Text>
              )}
            </>
          }
        />
      )}
    </div>
  );
}
