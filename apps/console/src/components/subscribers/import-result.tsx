import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Col, Row, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { downloadAuthenticated } from '../../lib/download';
import { errorMessage } from '../../lib/form-errors';
import { formatNumber } from '../../lib/format';
import type { ImportSummary } from './upload-import';

/** The error report of an import as a CSV file (fetched with the bearer, saved as a blob). */
export function ErrorReportButton({ importId, fileName, size }: { importId: string; fileName: string; size?: 'small' }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadAuthenticated(`/api/v1/subscribers/imports/${importId}/errors.csv`, {}, `loi-${fileName.replace(/\.\w+$/, '')}.csv`);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size={size} icon={<DownloadOutlined />} loading={busy} onClick={() => void download()} aria-label={`Tải báo cáo lỗi của ${fileName}`}>
      Tải báo cáo lỗi
    </Button>
  );
}

/** The counts at the end of an import, and the first refused rows with their reasons. */
export function ImportResult({ summary }: { summary: ImportSummary }) {
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 12 }}>
        <Col xs={8}>
          <Statistic title="Thêm mới" value={formatNumber(summary.inserted)} />
        </Col>
        <Col xs={8}>
          <Statistic title="Đã có, gộp thông tin" value={formatNumber(summary.merged)} />
        </Col>
        <Col xs={8}>
          <Statistic title="Bị từ chối" value={formatNumber(summary.rejected)} styles={{ content: summary.rejected ? { color: '#cf1322' } : undefined }} />
        </Col>
      </Row>
      {summary.rejected > 0 && (
        <>
          <Typography.Paragraph>
            Các dòng bị từ chối không được nhập; sửa chúng trong báo cáo lỗi rồi nhập lại riêng các dòng đó.{' '}
            <ErrorReportButton importId={summary.id} fileName={summary.fileName} />
          </Typography.Paragraph>
          {summary.firstErrors && summary.firstErrors.length > 0 && (
            <Table
              size="small"
              rowKey={(r) => `${r.rowNo}:${r.field}`}
              dataSource={summary.firstErrors}
              pagination={false}
              caption={summary.rejected > summary.firstErrors.length ? `${summary.firstErrors.length} dòng lỗi đầu tiên (đủ cả trong báo cáo lỗi)` : 'Các dòng lỗi'}
              columns={[
                { title: 'Dòng', dataIndex: 'rowNo', width: 70 },
                { title: 'Cột', dataIndex: 'field', width: 110 },
                { title: 'Lý do', dataIndex: 'message' },
              ]}
            />
          )}
        </>
      )}
    </>
  );
}
