import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../lib/form-errors';
import { relayApi } from './relay-api';

/**
 * "Hạn xếp lịch": the hours the communes have to place a province's or district's normal bulletin
 * before it goes into their first free airing. Supervisors and admins may change it.
 */
export function RelayDeadlineCard({ unitId, unitName, editable }: { unitId: string; unitName: string; editable: boolean }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<number | null>(null);
  const setting = useQuery({ queryKey: ['relays', 'settings', unitId], queryFn: () => relayApi.setting(unitId) });
  const save = useMutation({
    mutationFn: (hours: number) => relayApi.saveSetting(unitId, hours),
    onSuccess: (s) => {
      queryClient.setQueryData(['relays', 'settings', unitId], s);
      setDraft(null);
    },
  });
  const hours = setting.data?.deadlineHours;

  return (
    <Card size="small" title={`Hạn xếp lịch: ${hours == null ? '…' : `${hours} giờ`}`} style={{ marginBottom: 16 }}>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        Tin thông thường của {unitName} gửi xuống, xã có {hours ?? '…'} giờ để tự xếp vào khung giờ phát; quá hạn, hệ thống tự xếp vào buổi phát sớm nhất còn chỗ.
        {setting.data && !setting.data.own && ' (Mặc định, chưa đặt riêng.)'}
      </Typography.Paragraph>
      {setting.error && <Alert type="error" showIcon title={errorMessage(setting.error)} />}
      {editable && setting.data && (
        <Flex vertical gap={4}>
          {draft == null ? (
            <Button icon={<EditOutlined />} onClick={() => setDraft(setting.data.deadlineHours)} style={{ alignSelf: 'flex-start' }}>
              Đổi hạn xếp lịch
            </Button>
          ) : (
            <Space wrap>
              <InputNumber aria-label="Số giờ để xã xếp lịch" min={1} max={168} precision={0} value={draft} onChange={(v) => setDraft(v ?? null)} suffix="giờ" />
              <Button type="primary" loading={save.isPending} onClick={() => draft != null && save.mutate(draft)}>
                Lưu
              </Button>
              <Button onClick={() => setDraft(null)}>Hủy</Button>
            </Space>
          )}
          {save.error && (
            <Typography.Text role="alert" style={{ color: '#cf1322' }}>
              {errorMessage(save.error)}
            </Typography.Text>
          )}
        </Flex>
      )}
    </Card>
  );
}
