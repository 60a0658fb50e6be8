import { useQuery } from '@tanstack/react-query';
import { Alert, Flex, Select, Skeleton, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { errorMessage } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/time';
import { getVersion, getVersions, messageKeys, useContentModel } from './message-api';
import { VersionDiff } from './version-diff';
import { DiffLegend } from './word-diff';

function useVersion(id: string, no: number | undefined) {
  return useQuery({
    queryKey: messageKeys.version(id, no ?? 0),
    queryFn: () => getVersion(id, no!),
    enabled: no != null,
    staleTime: Infinity, // a version never changes
  });
}

/** Every version of a message, newest first, and a word diff between any two of them. */
export function VersionHistory({ messageId, timeZone }: { messageId: string; timeZone?: string }) {
  const versions = useQuery({ queryKey: messageKeys.versions(messageId), queryFn: () => getVersions(messageId) });
  const model = useContentModel();
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();
  const fromId = useId();
  const toId = useId();

  useEffect(() => {
    const list = versions.data;
    if (!list?.length) return;
    setTo((v) => v ?? list[0].versionNo);
    setFrom((v) => v ?? (list[1] ?? list[0]).versionNo);
  }, [versions.data]);

  const a = useVersion(messageId, from);
  const b = useVersion(messageId, to);

  if (versions.isPending) return <Skeleton active />;
  if (versions.isError) return <Alert type="error" showIcon title={errorMessage(versions.error)} />;
  const options = versions.data.map((v) => ({
    value: v.versionNo,
    label: `Phiên bản ${v.versionNo} · ${v.authorName ?? 'không rõ'} · ${formatDateTime(v.createdAt, timeZone)}`,
  }));

  return (
    <Flex vertical gap={16}>
      <Flex wrap gap={12} align="end">
        <div style={{ flex: '1 1 240px', minWidth: 0 }}>
          <label htmlFor={fromId} style={{ display: 'block', marginBottom: 4 }}>
            So sánh từ
          </label>
          <Select id={fromId} style={{ width: '100%' }} value={from} onChange={setFrom} options={options} />
        </div>
        <div style={{ flex: '1 1 240px', minWidth: 0 }}>
          <label htmlFor={toId} style={{ display: 'block', marginBottom: 4 }}>
            Đến
          </label>
          <Select id={toId} style={{ width: '100%' }} value={to} onChange={setTo} options={options} />
        </div>
      </Flex>
      <DiffLegend />
      {a.isError || b.isError ? (
        <Alert type="error" showIcon title={errorMessage(a.error ?? b.error)} />
      ) : a.data && b.data ? (
        from === to ? (
          <>
            <Typography.Text type="secondary">Chọn hai phiên bản khác nhau để xem thay đổi.</Typography.Text>
            <VersionDiff before={null} after={b.data} model={model.data} />
          </>
        ) : (
          <VersionDiff before={a.data} after={b.data} model={model.data} onlyChanged />
        )
      ) : (
        <Skeleton active />
      )}
    </Flex>
  );
}
