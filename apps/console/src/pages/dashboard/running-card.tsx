import { Progress, Typography } from 'antd';
import { Link } from 'react-router';
import { formatNumber } from '../../lib/format';
import type { Dashboard } from './dashboard-types';
import { Panel } from './panel';

/** Broadcasts on air now, with their progress (the page refetches every few seconds while any runs). */
export function RunningCard({ running }: { running: Dashboard['running'] }) {
  return (
    <Panel title={`Đang phát (${running.length})`}>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {running.map((r) => {
          // `done` counts every delivery past sending, the failed ones included.
          const percent = r.total ? Math.floor((r.done / r.total) * 100) : 0;
          const okPercent = r.total ? Math.floor(((r.done - r.failed) / r.total) * 100) : 0;
          return (
            <li key={r.broadcastId} style={{ padding: '6px 0' }}>
              <Link to={`/broadcasts/${r.broadcastId}`}>{r.messageTitle}</Link>
              <Progress
                percent={percent}
                success={{ percent: okPercent }}
                status="active"
                aria-label={`Tiến độ phát: ${r.messageTitle}`}
              />
              <Typography.Text type="secondary">
                Đã xử lý {formatNumber(r.done)} / {formatNumber(r.total)} lượt gửi{r.failed ? ` · ${formatNumber(r.failed)} lỗi` : ''}
              </Typography.Text>
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}
