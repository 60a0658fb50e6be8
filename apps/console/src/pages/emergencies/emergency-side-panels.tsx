import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Switch, Timeline, Typography, Upload } from 'antd';
import { useId } from 'react';
import { useNavigate } from 'react-router';
import { useProfile } from '../../auth/auth-context';
import { broadcastApi } from '../../components/broadcasts/broadcast-api';
import { errorMessage } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/time';
import { emergencyApi } from './emergency-api';

/**
 * Whether the province requires a second supervisor: shown to every supervisor, switched by the
 * province's own supervisors (the API refuses those below it).
 */
export function EmergencyPolicyCard() {
  const profile = useProfile();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const switchId = useId();
  const policy = useQuery({ queryKey: ['emergency-policy'], queryFn: emergencyApi.policy });
  const unit = useQuery({ queryKey: ['units', profile.unitId], queryFn: () => broadcastApi.unit(profile.unitId), staleTime: 300_000 });
  const canSet = unit.data?.level === 'province';
  const set = useMutation({
    mutationFn: emergencyApi.setPolicy,
    onSuccess: (p) => {
      queryClient.setQueryData(['emergency-policy'], p);
      void queryClient.invalidateQueries({ queryKey: ['emergency-preview'] });
      void message.success(p.requireSecondSupervisor ? 'Từ nay tin khẩn cấp cần lãnh đạo thứ hai xác nhận' : 'Từ nay một lãnh đạo được tự phát tin khẩn cấp');
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const p = policy.data;
  const toggle = (on: boolean) =>
    modal.confirm({
      title: on ? 'Yêu cầu hai lãnh đạo cho tin khẩn cấp?' : 'Cho phép một lãnh đạo tự phát tin khẩn cấp?',
      content: on
        ? `Mọi tin khẩn cấp trong ${p?.provinceName} sẽ chỉ phát đi sau khi một lãnh đạo khác xác nhận bằng mật khẩu của mình.`
        : `Mọi lãnh đạo trong ${p?.provinceName} sẽ phát được tin khẩn cấp ngay, không cần người thứ hai; nhật ký ghi rõ việc tự quyết này.`,
      okText: 'Đồng ý',
      cancelText: 'Quay lại',
      onOk: () => set.mutateAsync(on),
    });

  return (
    <Card size="small" title="Quy định của tỉnh" style={{ maxWidth: 440 }}>
      {policy.error && <Alert type="error" showIcon title={errorMessage(policy.error)} />}
      {p && (
        <Flex vertical gap={8}>
          <Flex align="center" gap={8}>
            <Switch id={switchId} checked={p.requireSecondSupervisor} disabled={!canSet} loading={set.isPending} onChange={toggle} />
            <label htmlFor={switchId}>Cần lãnh đạo thứ hai xác nhận</label>
          </Flex>
          <Typography.Text type="secondary">
            {p.requireSecondSupervisor
              ? `${p.provinceName}: tin khẩn cấp chờ một lãnh đạo khác xác nhận rồi mới phát.`
              : `${p.provinceName}: một lãnh đạo được tự phát tin khẩn cấp.`}
            {!canSet && ' Chỉ lãnh đạo cấp tỉnh thay đổi được quy định này.'}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}

const CAP_OUTCOME: Record<string, string> = {
  draft: 'Đã nhập cảnh báo CAP: tin khẩn cấp đang chờ lãnh đạo phát',
  sent: 'Đã nhập cảnh báo CAP từ nguồn tin cậy: tin khẩn cấp đã phát',
  updated: 'Tệp CAP là bản cập nhật: đã cập nhật tin khẩn cấp đã nhận trước đó',
  cancelled: 'Tệp CAP là lệnh hủy: đã hủy tin khẩn cấp đã nhận trước đó',
  duplicate: 'Cảnh báo CAP này đã được nhập trước đây; không có gì thay đổi',
};

/**
 * "Nhập cảnh báo CAP": a CAP 1.2 XML file; an Alert becomes a draft emergency waiting for a
 * supervisor, an Update or Cancel acts on the emergency it references. Either way the screen opens it.
 */
export function CapImportButton() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const upload = useMutation({
    mutationFn: emergencyApi.importCap,
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ['emergencies'] });
      void message.success(CAP_OUTCOME[r.outcome] ?? 'Đã nhập cảnh báo CAP');
      navigate(`/emergencies/${r.emergencyId}`);
    },
    onError: (e) => void message.error({ content: `Không nhập được tệp CAP: ${errorMessage(e)}`, duration: 8 }),
  });
  return (
    <Upload
      accept=".xml,.cap,application/xml,text/xml,application/cap+xml"
      showUploadList={false}
      customRequest={({ file }) => upload.mutate(file as File)}
    >
      <Button icon={<UploadOutlined />} loading={upload.isPending}>
        Nhập cảnh báo CAP
      </Button>
    </Upload>
  );
}

/** The updates and the cancellation of an emergency, oldest first, with the reason given and who acted. */
export function EmergencyChangesCard({ id, tz }: { id: string; tz: string }) {
  const changes = useQuery({ queryKey: ['emergencies', id, 'changes'], queryFn: () => emergencyApi.changes(id) });
  if (changes.error) return <Alert type="warning" showIcon title={errorMessage(changes.error)} />;
  if (!changes.data?.length) return null;
  return (
    <Card title="Cập nhật và hủy">
      <Timeline
        items={changes.data.map((c) => ({
          key: c.id,
          color: c.kind === 'cancel' ? 'red' : 'blue',
          content: (
            <>
              <Typography.Text strong>{c.kind === 'cancel' ? 'Hủy' : `Cập nhật (phiên bản ${c.messageVersion})`}</Typography.Text>{' '}
              {formatDateTime(c.createdAt, tz)}
              {c.origin && <Typography.Text type="secondary"> — từ {c.origin}</Typography.Text>}
              {c.reason && <Typography.Paragraph style={{ marginBottom: 0 }}>Lý do: {c.reason}</Typography.Paragraph>}
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {c.followUpBroadcastId ? 'Đã nhắn tin báo cho những người đã nhận SMS' : 'Không ai cần tin nhắn báo lại'}
              </Typography.Paragraph>
            </>
          ),
        }))}
      />
    </Card>
  );
}
