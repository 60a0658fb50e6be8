import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { formatNumber } from '../../lib/format';
import type { Role } from '../../lib/roles';
import { canOpen } from '../../lib/route-access';
import type { Dashboard } from './dashboard-types';
import { Panel } from './panel';

const LABELS: [keyof Dashboard['alerts'], string][] = [
  ['heldOccurrences', 'Lượt phát đang tạm giữ'],
  ['deferredDeliveries', 'Tin đang hoãn gửi (giờ yên tĩnh, giới hạn ngày)'],
  ['exhaustedDeliveries', 'Tin gửi lỗi đã hết lượt thử lại'],
  ['stationsOffline', 'Cụm loa mất kết nối'],
  ['boardsOffline', 'Bảng tin mất kết nối'],
  ['accountsNeedingReconnect', 'Tài khoản kênh cần kết nối lại'],
];

/** Only what needs attention; each line opens the list that explains it, or says who can fix it. */
export function AlertsCard({ alerts, role }: { alerts: Dashboard['alerts']; role: Role }) {
  const raised = LABELS.filter(([key]) => (alerts[key]?.count ?? 0) > 0);
  return (
    <Panel title="Cảnh báo">
      {raised.length === 0 ? (
        <Flex gap={8} align="center">
          <CheckCircleOutlined style={{ color: '#389e0d' }} aria-hidden />
          <Typography.Text>Mọi thứ bình thường: không có lượt phát bị giữ, tin lỗi hay thiết bị mất kết nối.</Typography.Text>
        </Flex>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {raised.map(([key, label]) => (
            <li key={key} style={{ padding: '6px 0' }}>
              {canOpen(alerts[key].href, role) ? (
                <Link to={alerts[key].href}>
                  <AlertLine count={alerts[key].count} label={label} />
                </Link>
              ) : (
                <AlertLine count={alerts[key].count} label={`${label} (báo quản trị viên)`} />
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function AlertLine({ count, label }: { count: number; label: string }) {
  return (
    <Flex gap={8} align="center">
      <WarningOutlined style={{ color: '#d46b08' }} aria-hidden />
      <span>
        <strong>{formatNumber(count)}</strong> {label}
      </span>
    </Flex>
  );
}
