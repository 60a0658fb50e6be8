import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Flex, Grid, Select, Spin, Tabs, Tag } from 'antd';
import { Suspense, lazy, useEffect, useState } from 'react';
import { useProfile } from '../../auth/auth-context';
import { broadcastApi } from '../../components/broadcasts/broadcast-api';
import { PageHeader } from '../../components/page-header';
import { errorMessage } from '../../lib/form-errors';
import { CHANNEL, OCCURRENCE_STATUS, PRIORITY } from '../../lib/labels';
import { DEFAULT_TIME_ZONE } from '../../lib/time';
import { useUrlState } from '../../lib/url-state';
import { PRIORITY_BORDER, STATUS_COLOR } from './calendar-colors';
import { StationProgramme } from './station-programme';

const OccurrenceCalendar = lazy(() => import('./occurrence-calendar'));

/** "Lịch phát": the occurrences of the caller's units by month, week or list; a station's day programme. */
export default function CalendarPage() {
  const profile = useProfile();
  const tz = profile.timeZone ?? DEFAULT_TIME_ZONE;
  const narrow = !Grid.useBreakpoint().md;
  const { values, set } = useUrlState(['channel', 'unitId', 'tab'] as const);
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const query = { ...range, channel: values.channel, unitId: values.unitId };
  const occurrences = useQuery({
    queryKey: ['calendar', query],
    queryFn: () => broadcastApi.calendar(query),
    enabled: !!range,
    placeholderData: keepPreviousData,
  });

  const [unitQ, setUnitQ] = useState('');
  const [unitTerm, setUnitTerm] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setUnitTerm(unitQ.trim()), 300);
    return () => clearTimeout(t);
  }, [unitQ]);
  const units = useQuery({
    queryKey: ['units', { q: unitTerm, pageSize: 10 }],
    queryFn: () => broadcastApi.units({ q: unitTerm, pageSize: 10 }),
    enabled: unitTerm.length >= 2 || !!values.unitId,
  });
  const chosenUnit = useQuery({ queryKey: ['units', values.unitId], queryFn: () => broadcastApi.unit(values.unitId!), enabled: !!values.unitId });
  const unitOptions = [...(chosenUnit.data ? [chosenUnit.data] : []), ...(units.data?.items ?? [])]
    .filter((u, i, all) => all.findIndex((x) => x.id === u.id) === i)
    .map((u) => ({ value: u.id, label: u.fullName || u.name }));

  const calendar = (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap role="search" aria-label="Lọc lịch phát">
        <Flex vertical>
          <label htmlFor="calendar-channel">Kênh</label>
          <Select
            id="calendar-channel"
            allowClear
            placeholder="Tất cả kênh"
            style={{ width: 200 }}
            value={values.channel}
            onChange={(channel) => set({ channel })}
            options={Object.entries(CHANNEL).filter(([c]) => c !== 'feed').map(([value, label]) => ({ value, label }))}
          />
        </Flex>
        <Flex vertical>
          <label htmlFor="calendar-unit">Đơn vị</label>
          <Select
            id="calendar-unit"
            allowClear
            showSearch={{ filterOption: false, onSearch: setUnitQ }}
            placeholder="Tất cả đơn vị (gõ để tìm)"
            style={{ width: 260 }}
            value={values.unitId}
            onChange={(unitId) => set({ unitId })}
            notFoundContent={unitTerm.length < 2 ? 'Gõ ít nhất 2 chữ' : 'Không có đơn vị nào khớp'}
            options={unitOptions}
          />
        </Flex>
      </Flex>
      <Flex wrap gap={4} aria-label="Chú thích màu">
        {Object.entries(STATUS_COLOR).filter(([s]) => s !== 'skipped').map(([status, color]) => (
          <Tag key={status} color={color} variant="solid">
            {OCCURRENCE_STATUS[status]?.label}
          </Tag>
        ))}
        <Tag style={{ borderLeft: `5px solid ${PRIORITY_BORDER.emergency}` }}>Viền đỏ: {PRIORITY.emergency.label}</Tag>
        <Tag style={{ borderLeft: `5px solid ${PRIORITY_BORDER.priority}` }}>Viền cam: {PRIORITY.priority.label}</Tag>
      </Flex>
      {occurrences.error && <Alert type="error" showIcon title={errorMessage(occurrences.error)} />}
      <Spin spinning={occurrences.isFetching} aria-label="Đang tải lịch">
        <Suspense fallback={<Spin aria-label="Đang tải lịch" style={{ display: 'block', margin: '48px auto' }} />}>
          <OccurrenceCalendar occurrences={occurrences.data ?? []} tz={tz} narrow={narrow} onRange={setRange} />
        </Suspense>
      </Spin>
    </Flex>
  );

  return (
    <>
      <PageHeader title="Lịch phát" subtitle={`Giờ địa phương của đơn vị${tz === DEFAULT_TIME_ZONE ? ' (giờ Việt Nam)' : ` (${tz})`}, bấm vào một lần phát để mở lượt phát.`} />
      <Tabs
        activeKey={values.tab ?? 'calendar'}
        onChange={(tab) => set({ tab: tab === 'calendar' ? undefined : tab })}
        items={[
          { key: 'calendar', label: 'Lịch các lượt phát', children: calendar },
          { key: 'programme', label: 'Chương trình cụm loa', children: <StationProgramme tz={tz} /> },
        ]}
      />
    </>
  );
}
