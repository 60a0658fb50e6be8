import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Progress, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useProfile } from '../../auth/auth-context';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../lib/form-errors';
import { formatNumber } from '../../lib/format';
import { ImportResult } from './import-result';
import type { SubscriberImport } from './subscriber-types';
import { UnitSelect } from '../unit-select';
import { newImportId, processedRows, uploadImport, type ImportSummary } from './upload-import';

const POLL_MS = 1_500;
const ACCEPTED = /\.(csv|xlsx)$/i;

type Phase =
  | { kind: 'idle' }
  | { kind: 'sending'; file: File; importId: string; bytes: number; progress?: SubscriberImport }
  | { kind: 'done'; summary: ImportSummary }
  | { kind: 'failed'; file: File; message: string };

/**
 * Import from CSV or Excel: drop the file, watch the bytes go up and then the rows being read, and
 * end with the counts and the error report. A failed upload keeps the file chosen so "Thử lại" resends it.
 */
export function ImportPanel() {
  const profile = useProfile();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState(profile.unitId);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const sending = phase.kind === 'sending';

  useEffect(() => () => abort.current?.abort(), []);

  // While the upload request is open (its bytes all sent), follow the import's progress by its id.
  const pollId = phase.kind === 'sending' && phase.bytes >= 100 ? phase.importId : null;
  useEffect(() => {
    if (!pollId) return;
    const timer = setInterval(async () => {
      try {
        const found = await unwrap(api.GET('/api/v1/subscribers/imports/{id}', { params: { path: { id: pollId } } }));
        setPhase((p) => (p.kind === 'sending' && p.importId === pollId ? { ...p, progress: found } : p));
      } catch {
        // Not there yet (the file is still being opened) or a missed poll: the upload's own answer has the final word.
      }
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [pollId]);

  const start = async (file: File) => {
    if (!ACCEPTED.test(file.name)) {
      setPhase({ kind: 'failed', file, message: 'Chỉ nhận tệp .csv hoặc Excel .xlsx (tệp .xls cũ: mở bằng Excel và lưu lại thành .xlsx).' });
      return;
    }
    abort.current = new AbortController();
    const importId = newImportId();
    setPhase({ kind: 'sending', file, importId, bytes: 0 });
    try {
      const summary = await uploadImport({ file, unitId, importId }, (bytes) => setPhase((p) => (p.kind === 'sending' ? { ...p, bytes } : p)), abort.current.signal);
      setPhase({ kind: 'done', summary });
      void queryClient.invalidateQueries({ queryKey: ['subscribers'] });
      void queryClient.invalidateQueries({ queryKey: ['subscriber-imports'] });
    } catch (e) {
      if (abort.current?.signal.aborted) return;
      setPhase({ kind: 'failed', file, message: errorMessage(e) });
    }
  };

  return (
    <Card title="Nhập người nhận từ tệp CSV hoặc Excel">
      <Typography.Paragraph type="secondary">
        Dòng đầu là tiêu đề cột; chỉ cột <code>phone</code> là bắt buộc. Các cột khác: <code>full_name</code>, <code>village</code> (tên hoặc mã thôn),{' '}
        <code>tags</code> (cách nhau bằng dấu ;), <code>consent_source</code>, <code>consent_at</code>. Với Excel, dữ liệu lấy ở trang tính đầu tiên. Số đã có sẽ được gộp, không
        tạo trùng; số đã từ chối nhận tin không bị đăng ký lại.
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="Nhập vào xã, phường" htmlFor="import-unit" style={{ maxWidth: 420 }}>
          <UnitSelect level="commune" ownUnitFirst id="import-unit" value={unitId} onChange={(v) => v && setUnitId(v)} disabled={sending} />
        </Form.Item>
      </Form>
      <Upload.Dragger
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={sending}
        beforeUpload={(file) => {
          void start(file);
          return false;
        }}
        aria-label="Chọn tệp CSV hoặc Excel để nhập"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p className="ant-upload-text">Kéo tệp vào đây hoặc bấm để chọn tệp</p>
        <p className="ant-upload-hint">Tệp .csv (UTF-8) hoặc .xlsx</p>
      </Upload.Dragger>
      <div aria-live="polite" style={{ marginTop: 16 }}>
        {phase.kind === 'sending' && <SendingState phase={phase} onCancel={() => abort.current?.abort()} onCancelled={() => setPhase({ kind: 'idle' })} />}
        {phase.kind === 'failed' && (
          <Alert
            type="error"
            showIcon
            title={`Chưa nhập được tệp ${phase.file.name}`}
            description={phase.message}
            action={
              ACCEPTED.test(phase.file.name) ? (
                <Button size="small" onClick={() => void start(phase.file)}>
                  Thử lại
                </Button>
              ) : undefined
            }
          />
        )}
        {phase.kind === 'done' && (
          <Flex vertical gap={12}>
            <Alert
              type={phase.summary.status === 'failed' ? 'error' : phase.summary.rejected ? 'warning' : 'success'}
              showIcon
              title={phase.summary.status === 'failed' ? `Nhập tệp ${phase.summary.fileName} bị dừng` : `Đã nhập xong tệp ${phase.summary.fileName}`}
              description={phase.summary.failure ?? undefined}
            />
            <ImportResult summary={phase.summary} />
          </Flex>
        )}
      </div>
    </Card>
  );
}

function SendingState({ phase, onCancel, onCancelled }: { phase: Extract<Phase, { kind: 'sending' }>; onCancel: () => void; onCancelled: () => void }) {
  const p = phase.progress;
  const rows = p ? processedRows(p) : 0;
  const total = p?.totalRows ?? null;
  return (
    <Flex vertical gap={8}>
      {phase.bytes < 100 ? (
        <>
          <Typography.Text>Đang tải lên {phase.file.name}…</Typography.Text>
          <Progress percent={phase.bytes} status="active" aria-label="Tiến độ tải tệp lên" />
          <Button
            size="small"
            style={{ alignSelf: 'start' }}
            onClick={() => {
              onCancel();
              onCancelled();
            }}
          >
            Hủy tải lên
          </Button>
        </>
      ) : (
        <>
          <Typography.Text>
            Đang đọc và kiểm tra từng dòng{total ? `: ${formatNumber(rows)} / ${formatNumber(total)} dòng` : rows ? `: đã đọc ${formatNumber(rows)} dòng` : '…'}
          </Typography.Text>
          <Progress
            percent={total ? Math.min(99, Math.floor((rows / total) * 100)) : 99}
            showInfo={!!total}
            status="active"
            aria-label="Tiến độ nhập người nhận"
          />
          {p && (
            <Typography.Text type="secondary">
              Thêm mới {formatNumber(p.inserted)} · gộp {formatNumber(p.merged)} · từ chối {formatNumber(p.rejected)}
            </Typography.Text>
          )}
        </>
      )}
    </Flex>
  );
}
