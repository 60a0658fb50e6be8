import { useQuery } from '@tanstack/react-query';
import { Alert, DatePicker, Flex, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../lib/form-errors';
import { dayjs } from '../../lib/time';
import type { Airtime } from './device-types';

interface ContentModel {
  contentGroups: { code: string; label: string }[];
}

function minutesInWords(m: number): string {
  const whole = Math.round(m);
  const h = Math.floor(whole / 60);
  return h ? `${h} giờ ${whole % 60} phút` : `${whole} phút`;
}

/** Minutes the station played to the end, per local day and content group, over a chosen period (default: this month). */
export function StationAirtime({ stationId }: { stationId: string }) {
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs]>(() => [dayjs().startOf('month'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const airtime = useQuery({
    queryKey: ['station', stationId, 'airtime', from, to],
    queryFn: () => unwrap(api.GET('/api/v1/loudspeakers/stations/{id}/airtime', { params: { path: { id: stationId }, query: { from, to } } })),
  });
  const model = useQuery({ queryKey: ['content-model'], queryFn: () => unwrap(api.GET('/api/v1/reference/content-model')), staleTime: Infinity });
  const groupLabel = (code: string) => model.data?.contentGroups.find((g) => g.code === code)?.label ?? code;

  return (
    <Flex vertical gap={12}>
      <Flex gap={24} wrap align="end">
        <label>
          <div style={{ marginBottom: 4 }}>Khoảng thời gian</div>
          <DatePicker.RangePicker
            format="DD/MM/YYYY"
            value={range}
            allowClear={false}
            aria-label="Khoảng thời gian thống kê"
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
        </label>
        <Statistic title="Tổng thời lượng đã phát" value={airtime.data ? minutesInWords(airtime.data.totalMinutes) : '—'} loading={airtime.isPending} />
      </Flex>
      {airtime.isError && <Alert type="error" showIcon title={errorMessage(airtime.error)} />}
      <Table
        rowKey="day"
        size="small"
        loading={airtime.isFetching}
        dataSource={airtime.data?.days ?? []}
        pagination={false}
        locale={{ emptyText: <Typography.Text type="secondary">Không có bản tin nào được phát trong khoảng này.</Typography.Text> }}
        columns={[
          { title: 'Ngày', dataIndex: 'day', render: (d: string) => d.split('-').reverse().join('/') },
          { title: 'Thời lượng', dataIndex: 'minutes', render: (m: number) => minutesInWords(m) },
          {
            title: 'Theo nhóm nội dung',
            dataIndex: 'byContentGroup',
            render: (g: Record<string, number>) =>
              Object.entries(g).map(([code, m]) => (
                <Tag key={code} title={groupLabel(code)} style={{ maxWidth: 280, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {groupLabel(code)}: {minutesInWords(m)}
                </Tag>
              )),
          },
        ]}
      />
    </Flex>
  );
}
