import { CalendarOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Grid, Skeleton, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useProfile } from '../../auth/auth-context';
import { AuditTrail, returnComment } from '../../components/messages/audit-trail';
import { clearDraftCopy, readDraftCopy, writeDraftCopy } from '../../components/messages/draft-copy';
import { getAudit, getMessage, messageKeys, useContentModel } from '../../components/messages/message-api';
import { MessageFormFields } from '../../components/messages/message-form-fields';
import { EMPTY_VALUES, sameContent, valuesOf, type MessageFormValues } from '../../components/messages/message-form-values';
import { MessageStatusBanner } from '../../components/messages/message-status-banner';
import type { MessageView } from '../../components/messages/message-types';
import { canReview, ReviewButtons } from '../../components/messages/review-actions';
import { useMessageSave } from '../../components/messages/use-message-save';
import { VersionHistory } from '../../components/messages/version-history';
import { PageHeader } from '../../components/page-header';
import { StatusTag } from '../../components/status-tag';
import { errorMessage } from '../../lib/form-errors';
import { MESSAGE_STATUS } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import NotFoundPage from '../not-found-page';

/** /messages/new and /messages/:id. A message outside the caller's units answers 404: "không tồn tại". */
export default function MessageEditorPage() {
  const { id } = useParams();
  const message = useQuery({ queryKey: messageKeys.one(id ?? 'new'), queryFn: () => getMessage(id!), enabled: !!id, refetchOnWindowFocus: false });
  if (id && message.isError && message.error instanceof ApiError && (message.error.status === 404 || message.error.status === 400)) {
    return <NotFoundPage what="Tin bài" />;
  }
  if (id && message.isError) {
    return <Alert type="error" showIcon title={errorMessage(message.error)} action={<Button onClick={() => void message.refetch()}>Thử lại</Button>} />;
  }
  if (id && !message.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  return <MessageEditor key={id ?? 'new'} message={message.data ?? null} />;
}

function MessageEditor({ message }: { message: MessageView | null }) {
  const profile = useProfile();
  const tz = profile.timeZone;
  const navigate = useNavigate();
  const { message: toast } = App.useApp();
  const draftKey = message?.id ?? 'new';
  const [form] = Form.useForm<MessageFormValues>();
  const cardBody = { body: { padding: Grid.useBreakpoint().sm ? 24 : 12 } };
  const model = useContentModel();
  const audit = useQuery({ queryKey: messageKeys.audit(draftKey), queryFn: () => getAudit(message!.id), enabled: !!message });
  const server = useMemo(() => (message ? valuesOf(message.version, message.unitId) : EMPTY_VALUES), [message]);

  // What the officer typed before the session expired (or the tab reloaded) wins over the stored version.
  const [initial] = useState(() => {
    const copy = readDraftCopy<MessageFormValues>(profile.id, draftKey);
    if (copy && !sameContent(copy.values, server)) {
      return { values: copy.values, base: copy.baseVersion ?? message?.currentVersion ?? null, restoredAt: copy.savedAt };
    }
    return { values: server, base: message?.currentVersion ?? null, restoredAt: null as string | null };
  });
  const [baseVersion, setBaseVersion] = useState(initial.base);
  const [restoredAt, setRestoredAt] = useState(initial.restoredAt);
  const [current, setCurrent] = useState(initial.values);

  const adopt = (m: MessageView) => {
    const v = valuesOf(m.version, m.unitId);
    form.setFieldsValue(v);
    setCurrent(v);
    setBaseVersion(m.currentVersion);
    setRestoredAt(null);
    clearDraftCopy(profile.id, draftKey);
  };

  const discardRestored = () => {
    if (message) return adopt(message);
    form.setFieldsValue(EMPTY_VALUES);
    setCurrent(EMPTY_VALUES);
    setRestoredAt(null);
    clearDraftCopy(profile.id, draftKey);
  };

  const saver = useMessageSave(form, message?.id, (m) => {
    adopt(m);
    if (!message) navigate(`/messages/${m.id}`, { replace: true });
  });

  const stale = !!message && baseVersion !== null && message.currentVersion !== baseVersion;
  const dirty = !message || stale || !sameContent(current, server);
  const canWrite = profile.role === 'officer' || profile.role === 'supervisor';
  const status = message?.status ?? 'draft';
  const reviewer = !!message && !dirty && canReview(profile, message);
  const canSubmit = canWrite && (dirty || status === 'draft' || status === 'returned') && !(reviewer && !dirty);
  const pricePerPart = model.data?.sms?.pricePerPartVnd ?? null;

  const save = async () => {
    const r = await saver.save(baseVersion);
    if (r.ok) void toast.success(`Đã lưu phiên bản ${r.message.currentVersion}`);
  };
  const submit = async () => {
    const r = await saver.submit(baseVersion, dirty || status !== 'draft');
    if (r.ok) void toast.success('Đã gửi duyệt');
  };

  return (
    <>
      <PageHeader
        title={message ? message.version.title || 'Tin bài' : 'Soạn tin mới'}
        subtitle={
          message ? (
            <Flex wrap gap={8} align="center" component="span">
              <StatusTag map={MESSAGE_STATUS} code={status} />
              <span>
                Phiên bản {message.currentVersion} · {message.unitName} · cập nhật {formatDateTime(message.updatedAt, tz)}
              </span>
            </Flex>
          ) : undefined
        }
        extra={
          <>
            {canWrite && (
              <Button icon={<SaveOutlined />} onClick={save} loading={saver.busy === 'save'} disabled={!dirty}>
                Lưu nháp
              </Button>
            )}
            {canSubmit && (
              <Button type="primary" icon={<SendOutlined />} onClick={submit} loading={saver.busy === 'submit'}>
                Gửi duyệt
              </Button>
            )}
            {reviewer && message && <ReviewButtons message={message} onDone={adopt} />}
            {message && status === 'approved' && !dirty && (
              <Button type="primary" icon={<CalendarOutlined />} onClick={() => navigate(`/broadcasts/new?messageId=${message.id}`)}>
                Lên lịch phát
              </Button>
            )}
          </>
        }
      />
      {message && <MessageStatusBanner message={message} returned={returnComment(audit.data)} reviewer={reviewer} timeZone={tz} />}
      {restoredAt && (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          showIcon
          closable
          onClose={() => setRestoredAt(null)}
          title={`Đã khôi phục nội dung bạn nhập lúc ${formatDateTime(restoredAt, tz)} nhưng chưa lưu.`}
          description="Bấm Lưu nháp để giữ lại, hoặc bỏ bản khôi phục để quay về phiên bản đã lưu."
          action={<Button onClick={discardRestored}>Bỏ bản khôi phục</Button>}
        />
      )}
      {stale && message && (
        <Alert
          style={{ marginBottom: 16 }}
          type="warning"
          showIcon
          role="alert"
          title={saver.conflict ?? `Tin bài vừa có phiên bản ${message.currentVersion} do ${message.version.authorName ?? 'người khác'} lưu.`}
          description="Nội dung bạn đang nhập vẫn được giữ. Xem phiên bản mới trong Lịch sử phiên bản, rồi chọn:"
          action={
            <Flex vertical gap={8}>
              <Button size="small" onClick={() => adopt(message)}>
                Tải bản mới nhất
              </Button>
              <Button size="small" type="primary" onClick={() => {
                  saver.clearConflict();
                  setBaseVersion(message.currentVersion);
                }}>
                Giữ nội dung của tôi
              </Button>
            </Flex>
          }
        />
      )}
      {saver.conflict && !stale && <Alert style={{ marginBottom: 16 }} type="warning" showIcon role="alert" title={saver.conflict} />}
      {saver.problem && <Alert style={{ marginBottom: 16 }} type="error" showIcon role="alert" title={saver.problem} />}
      <Card styles={cardBody}>
        <Form
          form={form}
          layout="vertical"
          initialValues={initial.values}
          disabled={!canWrite}
          onValuesChange={() => {
            const all = form.getFieldsValue(true) as MessageFormValues;
            setCurrent(all);
            writeDraftCopy(profile.id, draftKey, baseVersion, all);
          }}
        >
          <MessageFormFields model={model.data} isNew={!message} unitName={message?.unitName ?? profile.unitName} pricePerPart={pricePerPart} />
        </Form>
      </Card>
      {message && (
        <Card style={{ marginTop: 16 }} styles={cardBody}>
          <Tabs
            items={[
              { key: 'versions', label: 'Lịch sử phiên bản', children: <VersionHistory messageId={message.id} timeZone={tz} /> },
              { key: 'audit', label: 'Nhật ký duyệt', children: <AuditTrail audit={audit} timeZone={tz} /> },
            ]}
          />
        </Card>
      )}
    </>
  );
}
