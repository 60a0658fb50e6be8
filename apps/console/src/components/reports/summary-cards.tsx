import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { components } from '../../api/schema';
import { formatNumber, formatVnd } from '../../lib/format';

type Figures = components['schemas']['ReportFiguresDto'];

const CARDS: { title: string; value: (f: Figures) => number | null; vnd?: boolean }[] = [
  { title: 'Tin bài được duyệt', value: (f) => f.messagesApproved },
  { title: 'Lượt phát đã chạy', value: (f) => f.broadcastsRun },
  { title: 'Tin đã đến người nhận', value: (f) => f.delivered },
  { title: 'Người nhận SMS', value: (f) => f.citizensReached },
  { title: 'Phần tin SMS', value: (f) => f.smsParts },
  { title: 'Chi phí SMS', value: (f) => f.smsCostVnd, vnd: true },
  { title: 'Lượt phát loa trọn vẹn', value: (f) => f.loudspeakerPlays },
  { title: 'Phút phát loa', value: (f) => Math.round(f.airtimeSeconds / 60) },
  { title: 'Lượt hiển thị bảng tin', value: (f) => f.boardShowings },
  { title: 'Bài đăng Zalo, Facebook', value: (f) => f.socialPosts },
];

/** The period's main figures, each with the figure of the period before (the previous month, quarter or year). */
export function SummaryCards({ current, previous, previousLabel }: { current: Figures; previous: Figures; previousLabel: string }) {
  return (
    <Row gutter={[12, 12]}>
      {CARDS.map((c) => {
        const now = c.value(current);
        const before = c.value(previous);
        return (
          <Col key={c.title} xs={12} md={8} xl={6} xxl={4}>
            <Card size="small">
              <Statistic title={c.title} value={now ?? undefined} formatter={() => (c.vnd ? formatVnd(now) : formatNumber(now))} />
              <Typography.Text type="secondary">
                {previousLabel}: {c.vnd ? formatVnd(before) : formatNumber(before)}
              </Typography.Text>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
