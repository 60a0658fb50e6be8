import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Checkbox, Flex, List, Spin, Switch, Typography } from 'antd';
import { ApiError } from '../../api/client';
import { CHANNEL } from '../../lib/labels';
import { broadcastApi, type Targets } from './broadcast-api';
import { ErrorText } from './broadcast-tags';

const CHANNELS = ['loudspeaker', 'sms', 'board', 'zalo', 'facebook'];

/** Step 3: the channels, each saying whether it can go out and, when not, why in words. */
export function WizardChannelsStep({
  active,
  messageId,
  targets,
  channels,
  onChange,
  smsWithoutDiacritics,
  onSmsWithoutDiacritics,
  errors,
}: {
  active: boolean;
  messageId: string | null;
  targets: Targets;
  channels: string[];
  onChange: (channels: string[]) => void;
  smsWithoutDiacritics: boolean;
  onSmsWithoutDiacritics: (on: boolean) => void;
  errors?: { field: string; message: string }[];
}) {
  const readiness = useQuery({
    queryKey: ['broadcast-readiness', messageId, targets],
    queryFn: () => broadcastApi.readiness({ messageId: messageId as string, targets }),
    enabled: active && !!messageId && targets.unitIds.length > 0,
    // Loudspeaker audio is made in the background: ask again while a channel is not ready.
    refetchInterval: (q) => (active && q.state.data?.some((r) => !r.ready) ? 10_000 : false),
  });
  const byChannel = new Map((readiness.data ?? []).map((r) => [r.channel, r]));
  const errorOf = (channel: string) =>
    errors?.filter((e) => e.field === `channels[${channels.indexOf(channel)}]` || (channel === 'sms' && e.field.startsWith('sms'))).map((e) => e.message) ?? [];
  const toggle = (channel: string, on: boolean) => onChange(on ? [...channels, channel] : channels.filter((c) => c !== channel));

  return (
    <Flex vertical gap={12}>
      {readiness.isLoading && <Spin size="small" aria-label="Đang kiểm tra các kênh" />}
      {readiness.error && (
        <Alert
          type="warning"
          showIcon
          title={`Chưa kiểm tra được kênh nào sẵn sàng${readiness.error instanceof ApiError ? `: ${readiness.error.message}` : ''}. Bản xem trước ở bước cuối vẫn kiểm tra lại.`}
        />
      )}
      <List
        bordered
        dataSource={CHANNELS}
        renderItem={(channel) => {
          const r = byChannel.get(channel);
          const problems = errorOf(channel);
          return (
            <List.Item>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Checkbox checked={channels.includes(channel)} onChange={(e) => toggle(channel, e.target.checked)}>
                  <strong>{CHANNEL[channel]}</strong>
                </Checkbox>
                {r &&
                  (r.ready ? (
                    <Typography.Text style={{ color: '#237804' }}>
                      <CheckCircleFilled aria-hidden /> Sẵn sàng
                    </Typography.Text>
                  ) : (
                    <Typography.Text style={{ color: '#ad4e00' }}>
                      <ExclamationCircleFilled aria-hidden /> Chưa sẵn sàng: {r.reasons.join('; ') || 'không rõ lý do'}
                    </Typography.Text>
                  ))}
                {channel === 'sms' && channels.includes('sms') && (
                  <Flex gap={8} align="center">
                    <Switch id="sms-no-diacritics" size="small" checked={smsWithoutDiacritics} onChange={onSmsWithoutDiacritics} />
                    <label htmlFor="sms-no-diacritics">Gửi SMS không dấu (160 ký tự mỗi tin thay vì 70, rẻ hơn)</label>
                  </Flex>
                )}
                {problems.map((p) => (
                  <ErrorText key={p}>
                    {p}
                  </ErrorText>
                ))}
              </Flex>
            </List.Item>
          );
        }}
      />
    </Flex>
  );
}
