import { AlertOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Form, Input, Row, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { LIMITS } from '../../../../../libs/domain/src/content/content-model';
import { ApiError } from '../../api/client';
import { useProfile } from '../../auth/auth-context';
import { UnitTreePicker } from '../../components/broadcasts/unit-tree-picker';
import { useUnitNames } from '../../components/broadcasts/use-unit-names';
import { PageHeader } from '../../components/page-header';
import { errorMessage } from '../../lib/form-errors';
import { formatVnd } from '../../lib/format';
import { DEFAULT_TIME_ZONE, formatDateTime, toZonedIso } from '../../lib/time';
import { useDebounced } from '../../lib/use-debounced';
import { emergencyApi, type EmergencyDraft } from './emergency-api';
import { EmergencyChannelsField, EmergencyRepeatField, NO_REPEAT, type RepeatChoice } from './emergency-fields';
import { REPEAT_MAX_DAYS } from './emergency-labels';
import { EmergencyPreviewPanel, recipientsText } from './emergency-preview-panel';
import { PasswordModal } from './password-modal';

const TEXT_MAX = 2000;
const FIELDS = ['title', 'text', 'unitIds', 'channels', 'repeat'] as const;
type Field = (typeof FIELDS)[number];

/** The API's per-field problems by the composer's field they concern; the rest (renditions…) apart. */
function splitErrors(error: unknown): { byField: Partial<Record<Field, string>>; other: string | null } {
  if (!error) return { byField: {}, other: null };
  if (!(error instanceof ApiError) || !error.body.details?.length) return { byField: {}, other: errorMessage(error) };
  const byField: Partial<Record<Field, string>> = {};
  const other: string[] = [];
  for (const d of error.body.details) {
    const key = d.field.split(/[.[]/)[0] as Field;
    if (FIELDS.includes(key)) byField[key] = byField[key] ? `${byField[key]}; ${d.message}` : d.message;
    else other.push(d.message);
  }
  return { byField, other: other.length ? other.join('; ') : null };
}

/**
 * "Phát khẩn cấp": a title and a text; the API derives every channel's rendition, shown live; units
 * and channels (every ready channel by default); an optional repeat; the password in a dialog that
 * says what goes out where. It goes out at once, or waits for a second supervisor where the
 * province requires one.
 */
export default function EmergencyComposePage() {
  const profile = useProfile();
  const tz = profile.timeZone ?? DEFAULT_TIME_ZONE;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [unitIds, setUnitIds] = useState<string[]>([profile.unitId]);
  const [channels, setChannels] = useState<string[] | null>(null);
  const [repeat, setRepeat] = useState<RepeatChoice>(NO_REPEAT);
  const [confirming, setConfirming] = useState(false);
  /** Pressed while the preview was still catching up with the last keystroke: the dialog opens once it has. */
  const [wanted, setWanted] = useState(false);
  const [sendError, setSendError] = useState<unknown>(null);
  const [missing, setMissing] = useState<Partial<Record<Field, string>>>({});

  const draft: EmergencyDraft = useMemo(
    () => ({
      title: title.trim(),
      text: text.trim(),
      unitIds,
      ...(channels && { channels }),
      ...(repeat.on && { repeat: { everyMinutes: repeat.everyHours * 60, ...(repeat.until && { until: toZonedIso(repeat.until, tz) }) } }),
    }),
    [title, text, unitIds, channels, repeat, tz],
  );
  const key = JSON.stringify(draft);
  const asked = useDebounced(key, 600);
  const previewable = !!draft.title && !!draft.text && unitIds.length > 0;
  const preview = useQuery({
    queryKey: ['emergency-preview', asked],
    queryFn: () => emergencyApi.preview(JSON.parse(asked) as EmergencyDraft),
    enabled: previewable && asked === key,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 30_000,
  });
  const current = preview.isSuccess && !preview.isPlaceholderData && !preview.isFetching && asked === key;

  const change = <T,>(set: (v: T) => void, field: Field) => (v: T) => {
    set(v);
    setSendError(null);
    setMissing((m) => ({ ...m, [field]: undefined }));
  };

  const errors = splitErrors(sendError ?? (previewable ? preview.error : null));
  const fieldError = (f: Field) => missing[f] ?? errors.byField[f];
  const unitNames = useUnitNames(unitIds);

  const open = () => {
    const problems: Partial<Record<Field, string>> = {};
    if (!draft.title) problems.title = 'Nhập tiêu đề tin khẩn cấp';
    if (!draft.text) problems.text = 'Nhập nội dung tin khẩn cấp';
    if (!unitIds.length) problems.unitIds = 'Chọn ít nhất một đơn vị nhận tin';
    if (channels && !channels.length) problems.channels = 'Chọn ít nhất một kênh phát';
    setMissing(problems);
    if (Object.keys(problems).length === 0) setWanted(true);
  };
  useEffect(() => {
    if (!wanted) return;
    if (current) {
      setWanted(false);
      setConfirming(true);
    } else if (preview.isError && asked === key) setWanted(false);
  }, [wanted, current, preview.isError, asked, key]);

  const p = preview.data;
  const waits = p?.requiresSecondSupervisor ?? false;
  const summary = p && (
    <Flex vertical gap={8}>
      <Typography.Text>
        Tin <strong>“{draft.title}”</strong> {waits ? 'sẽ chờ một lãnh đạo khác xác nhận rồi mới phát tới' : 'sẽ phát ngay tới'} <strong>{unitNames || 'các đơn vị đã chọn'}</strong>, bỏ qua giờ yên
        lặng và giới hạn số tin trong ngày:
      </Typography.Text>
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {recipientsText(p.recipients, p.channels).map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      {p.estimatedCost && <Typography.Text>Chi phí SMS ước tính: {formatVnd(p.estimatedCost.perOccurrence)} mỗi lần phát.</Typography.Text>}
      {repeat.on && (
        <Typography.Text>
          Lặp lại mỗi {repeat.everyHours} giờ {repeat.until ? `đến ${formatDateTime(toZonedIso(repeat.until, tz), tz)}` : `cho đến khi được hủy (tối đa ${REPEAT_MAX_DAYS} ngày)`}.
        </Typography.Text>
      )}
      {waits && <Alert type="info" showIcon title="Tỉnh yêu cầu lãnh đạo thứ hai xác nhận tin khẩn cấp." />}
    </Flex>
  );

  return (
    <>
      <PageHeader
        title="Phát khẩn cấp"
        subtitle="Viết tiêu đề và nội dung; tin nhắn SMS, lời đọc trên loa, bảng tin và bài đăng được soạn sẵn. Xác nhận bằng mật khẩu là phát ngay."
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={13}>
          <Card>
            <Form layout="vertical" component="div">
              <Form.Item label="Tiêu đề" htmlFor="emergency-title" required validateStatus={fieldError('title') ? 'error' : undefined} help={fieldError('title')}>
                <Input id="emergency-title" value={title} maxLength={LIMITS.titleMax} showCount onChange={(e) => change(setTitle, 'title')(e.target.value)} placeholder="ví dụ: Cảnh báo lũ quét" />
              </Form.Item>
              <Form.Item label="Nội dung" htmlFor="emergency-text" required validateStatus={fieldError('text') ? 'error' : undefined} help={fieldError('text')}>
                <Input.TextArea
                  id="emergency-text"
                  value={text}
                  rows={6}
                  maxLength={TEXT_MAX}
                  showCount
                  onChange={(e) => change(setText, 'text')(e.target.value)}
                  placeholder="Điều gì đang xảy ra, ở đâu, người dân cần làm gì ngay."
                />
              </Form.Item>
              <section aria-label="Nơi nhận" style={{ marginBottom: 24 }}>
                <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
                  Nơi nhận
                </Typography.Text>
                <UnitTreePicker
                  unitsOnly
                  rootUnitId={profile.unitId}
                  value={{ unitIds, villageIds: [] }}
                  onChange={(v) => change(setUnitIds, 'unitIds')(v.unitIds)}
                  error={fieldError('unitIds')}
                />
              </section>
              <div style={{ marginBottom: 24 }}>
                <EmergencyChannelsField value={channels} onChange={change(setChannels, 'channels')} preview={p} error={fieldError('channels')} />
              </div>
              <EmergencyRepeatField value={repeat} onChange={change(setRepeat, 'repeat')} error={fieldError('repeat')} />
            </Form>
            <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 24 }}>
              <Button onClick={() => navigate('/emergencies')}>Hủy</Button>
              <Button type="primary" danger size="large" icon={<AlertOutlined />} onClick={open} loading={wanted}>
                Phát khẩn cấp…
              </Button>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={11}>
          <Card title="Sẽ phát đi" styles={{ body: { paddingTop: 12 } }}>
            <EmergencyPreviewPanel preview={previewable ? p : undefined} loading={preview.isFetching || asked !== key} problem={errors.other} unitName={profile.unitName} />
          </Card>
        </Col>
      </Row>
      <PasswordModal
        open={confirming}
        title={waits ? 'Gửi tin khẩn cấp để xác nhận' : 'Phát tin khẩn cấp ngay?'}
        okText={waits ? 'Gửi để lãnh đạo khác xác nhận' : 'Phát ngay'}
        summary={summary}
        onClose={() => setConfirming(false)}
        onRefused={(e) => {
          setConfirming(false);
          setSendError(e);
        }}
        onSubmit={async ({ password }) => {
          const sent = await emergencyApi.send({ ...draft, password });
          setConfirming(false);
          void queryClient.invalidateQueries({ queryKey: ['emergencies'] });
          navigate(`/emergencies/${sent.id}?sent=1`);
        }}
      />
    </>
  );
}
