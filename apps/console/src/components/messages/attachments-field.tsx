import { DeleteOutlined, FileImageOutlined, InboxOutlined, SoundOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Form, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { formatNumber } from '../../lib/format';
import { ACCEPT_ATTRIBUTE, ACCEPTED_TYPES, uploadAttachment, useAttachments } from './attachment-api';

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${formatNumber(Math.ceil(bytes / 1024))} KB`);

function uploadProblem(file: File, error: unknown): string {
  if (!(error instanceof ApiError)) return `${file.name}: không tải lên được (mất kết nối). Hãy thử lại.`;
  const detail = error.body.details?.find((d) => d.field === 'file') ?? error.body.details?.[0];
  return `${file.name}: ${detail?.message ?? error.message}`;
}

/**
 * The message's attachments (an audio file the loudspeakers play instead of the synthesised script,
 * an image for the board slide): drag and drop or pick, each uploaded at once; a refused file is
 * named with the API's reason on the field. Value: the attachment ids, in order.
 */
interface Props {
  value?: string[];
  onChange?: (ids: string[]) => void;
  unitId?: string;
  max?: number;
  /** The API's size limits (GET /reference/content-model), checked before a long upload on 4G. */
  limits?: { maxImageBytes: number; maxAudioBytes: number };
}

export function AttachmentsField({ value = [], onChange, unitId, max = 10, limits }: Props) {
  const form = Form.useFormInstance();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(0);
  const details = useAttachments(value);
  const showErrors = (errors: string[]) => form.setFields([{ name: 'attachmentIds', errors }]);

  const beforeUpload = (file: File) => {
    if (file.type && !ACCEPTED_TYPES.includes(file.type)) {
      showErrors([`${file.name}: chỉ nhận âm thanh MP3, WAV, OGG hoặc hình ảnh JPEG, PNG, WebP.`]);
      return Upload.LIST_IGNORE;
    }
    const limit = limits && (file.type.startsWith('image/') ? limits.maxImageBytes : limits.maxAudioBytes);
    if (limit && file.size > limit) {
      showErrors([`${file.name}: tệp ${sizeText(file.size)} lớn hơn mức cho phép ${sizeText(limit)}.`]);
      return Upload.LIST_IGNORE;
    }
    if (value.length + uploading >= max) {
      showErrors([`Mỗi tin bài có tối đa ${max} tệp đính kèm.`]);
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  return (
    <div>
      <Upload.Dragger
        multiple
        accept={ACCEPT_ATTRIBUTE}
        showUploadList={false}
        beforeUpload={beforeUpload}
        customRequest={async ({ file }) => {
          const f = file as File;
          setUploading((n) => n + 1);
          try {
            const a = await uploadAttachment(f, unitId);
            queryClient.setQueryData(['attachments', a.id], a);
            showErrors([]);
            onChange?.([...(form.getFieldValue('attachmentIds') ?? []), a.id]);
          } catch (e) {
            showErrors([uploadProblem(f, e)]);
          } finally {
            setUploading((n) => n - 1);
          }
        }}
        aria-label="Tải tệp đính kèm: kéo thả hoặc bấm để chọn tệp"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{uploading ? `Đang tải lên ${uploading} tệp…` : 'Kéo thả tệp vào đây hoặc bấm để chọn'}</p>
        <p className="ant-upload-hint">Âm thanh MP3, WAV, OGG (loa phát tệp đầu tiên thay cho giọng đọc) · hình ảnh JPEG, PNG, WebP (hiện trên bảng tin)</p>
      </Upload.Dragger>
      {value.length > 0 && (
        <ul aria-label="Tệp đính kèm" style={{ listStyle: 'none', padding: 0, margin: '8px 0 0' }}>
          {value.map((id, i) => {
            const a = details[i]?.data;
            return (
              <li key={id} style={{ borderBottom: '1px solid #f0f0f0', padding: '4px 0' }}>
                <Flex gap={8} align="center" justify="space-between">
                  <Flex gap={8} align="center" style={{ minWidth: 0 }}>
                    {a?.kind === 'audio' ? <SoundOutlined aria-label="Âm thanh" /> : <FileImageOutlined aria-label="Hình ảnh" />}
                    <Typography.Text ellipsis style={{ maxWidth: 240 }}>
                      {a?.originalName ?? 'Đang tải…'}
                    </Typography.Text>
                    {a && <Typography.Text type="secondary">{sizeText(a.sizeBytes)}</Typography.Text>}
                  </Flex>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`Bỏ tệp ${a?.originalName ?? ''}`}
                    onClick={() => onChange?.(value.filter((x) => x !== id))}
                  />
                </Flex>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
