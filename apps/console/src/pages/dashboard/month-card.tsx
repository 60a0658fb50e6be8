import { Col, Row, Statistic, Typography } from 'antd';
import { formatNumber, formatPercent, formatVnd } from '../../lib/format';
import type { Dashboard } from './dashboard-types';
import { Panel } from './panel';

function hoursMinutes(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  return h ? `${h} giờ ${minutes % 60} phút` : `${minutes} phút`;
}

/** This month's figures for the caller's subtree. */
export function MonthCard({ month }: { month: Dashboard['month'] }) {
  const figures: { title: string; value: number | string; note?: string }[] = [
    { title: 'Tin đã duyệt', value: month.messagesApproved },
    { title: 'Lượt phát đã tạo', value: month.broadcasts },
    { title: 'Lần phát đã chạy', value: month.occurrencesRun },
    { title: 'SMS đã gửi', value: month.smsSent, note: `${formatNumber(month.smsParts)} phần tin` },
    { title: 'SMS đã đến máy', value: month.smsDelivered, note: month.smsSent ? `${formatPercent(month.smsDelivered, month.smsSent)} số đã gửi` : undefined },
    { title: 'Chi phí SMS', value: formatVnd(month.smsCostVnd) },
    { title: 'Lượt phát trên loa', value: month.loudspeakerPlays },
    { title: 'Thời lượng phát loa', value: hoursMinutes(month.airtimeSeconds) },
    { title: 'Trang trên bảng tin', value: month.boardSlides },
    { title: 'Bài đăng Zalo, Facebook', value: month.socialPosts },
  ];
  return (
    <Panel title="Tháng này">
      <Row gutter={[16, 16]}>
        {figures.map((f) => (
          <Col key={f.title} xs={12} sm={8} lg={6} xl={4}>
            <Statistic title={f.title} value={f.value} groupSeparator="." styles={{ content: { fontSize: 18 } }} />
            {f.note && <Typography.Text type="secondary">{f.note}</Typography.Text>}
          </Col>
        ))}
      </Row>
    </Panel>
  );
}
