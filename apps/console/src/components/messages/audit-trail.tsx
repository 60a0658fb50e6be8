import { Alert, Skeleton, Timeline, Typography } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { errorMessage } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/time';
import type { Page } from '../../lib/api-loose';
import type { AuditEvent } from './message-types';

const ACTION: Record<string, { label: string; color: string }> = {
  create: { label: 'Tạo tin bài', color: 'gray' },
  edit: { label: 'Sửa nội dung', color: 'blue' },
  submit: { label: 'Gửi duyệt', color: 'blue' },
  approve: { label: 'Duyệt', color: 'green' },
  return: { label: 'Trả lại', color: 'orange' },
};

/** The workflow steps of a message, newest first: who, when, which version, and the reviewer's comment. */
export function AuditTrail({ audit, timeZone }: { audit: UseQueryResult<Page<AuditEvent>>; timeZone?: string }) {
  if (audit.isPending) return <Skeleton active />;
  if (audit.isError) return <Alert type="error" showIcon title={errorMessage(audit.error)} />;
  if (!audit.data.items.length) return <Typography.Text type="secondary">Chưa có bước nào.</Typography.Text>;
  return (
    <Timeline
      items={audit.data.items.map((e) => {
        const a = ACTION[e.action] ?? { label: e.action, color: 'gray' };
        return {
          key: e.id,
          color: a.color,
          content: (
            <div>
              <Typography.Text strong>{a.label}</Typography.Text>
              {e.versionNo != null && <Typography.Text type="secondary"> · phiên bản {e.versionNo}</Typography.Text>}
              <div>
                <Typography.Text type="secondary">
                  {e.actorName ?? 'Hệ thống'} · {formatDateTime(e.occurredAt, timeZone)}
                </Typography.Text>
              </div>
              {e.comment && <blockquote style={{ margin: '4px 0 0', paddingLeft: 8, borderLeft: '3px solid #d9d9d9' }}>{e.comment}</blockquote>}
            </div>
          ),
        };
      })}
    />
  );
}

/** The comment of the step that returned the current version, if the message is returned. */
export function returnComment(audit: Page<AuditEvent> | undefined): AuditEvent | undefined {
  return audit?.items.find((e) => e.action === 'return');
}
