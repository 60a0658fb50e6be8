import { Alert, Typography } from 'antd';
import { formatDateTime } from '../../lib/time';
import type { AuditEvent, MessageView } from './message-types';

/**
 * Where the message stands, in words, above the form. A returned message puts the reviewer's comment
 * first: it is what the officer must act on.
 */
export function MessageStatusBanner({
  message,
  returned,
  reviewer,
  timeZone,
}: {
  message: MessageView;
  returned: AuditEvent | undefined;
  reviewer: boolean;
  timeZone?: string;
}) {
  const style = { marginBottom: 16 };
  switch (message.status) {
    case 'returned':
      return (
        <Alert
          style={style}
          type="warning"
          showIcon
          role="alert"
          title="Tin bài bị trả lại – hãy sửa theo góp ý rồi gửi duyệt lại"
          description={
            returned ? (
              <>
                <blockquote style={{ margin: '4px 0', fontSize: 16, fontWeight: 500, whiteSpace: 'pre-wrap' }} data-testid="return-comment">
                  {returned.comment}
                </blockquote>
                <Typography.Text>
                  {returned.actorName ?? 'Lãnh đạo'} · {formatDateTime(returned.occurredAt, timeZone)}
                </Typography.Text>
              </>
            ) : null
          }
        />
      );
    case 'submitted':
      return (
        <Alert
          style={style}
          type="info"
          showIcon
          title={reviewer ? 'Tin bài đang chờ bạn duyệt' : `Đang chờ duyệt (gửi lúc ${formatDateTime(message.submittedAt, timeZone)})`}
          description={reviewer ? 'Đọc nội dung và lịch sử thay đổi bên dưới, rồi bấm Duyệt hoặc Trả lại.' : 'Sửa và lưu lúc này sẽ rút lại yêu cầu duyệt.'}
        />
      );
    case 'approved':
      return (
        <Alert
          style={style}
          type="success"
          showIcon
          title={`Đã duyệt lúc ${formatDateTime(message.approvedAt, timeZone)} – có thể lên lịch phát`}
          description="Sửa và lưu sẽ tạo phiên bản mới, cần được duyệt lại trước khi phát."
        />
      );
    default:
      return message.approvedVersion != null ? (
        <Alert
          style={style}
          type="info"
          showIcon
          title={`Bản nháp sửa từ phiên bản đã duyệt ${message.approvedVersion}: cần gửi duyệt lại trước khi phát.`}
        />
      ) : null;
  }
}
