import { Col, Form, Grid, Input, Row, Select, Tabs, Typography } from 'antd';
import { useId, useState } from 'react';
import { useAttachments, useAttachmentUrl } from './attachment-api';
import { AttachmentsField } from './attachments-field';
import { BoardSlidePreview } from './board-slide-preview';
import type { ContentModel } from './message-types';
import type { MessageFormValues } from './message-form-values';
import { UnitSelect } from '../unit-select';
import { SmsCounter } from './sms-counter';
import { SpeechPreview } from './speech-preview';

const codeOptions = (list: { code: string; label: string }[] | undefined) => (list ?? []).map((x) => ({ value: x.code, label: x.label }));

function LoudspeakerTab({ script, audioId, limit }: { script: string; audioId: string | null; limit: number }) {
  const audioUrl = useAttachmentUrl(audioId);
  return (
    <>
      <Form.Item label="Kịch bản đọc trên loa" name={['renditions', 'loudspeaker']} rules={[{ max: limit, message: `Tối đa ${limit} ký tự` }]}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} showCount maxLength={limit} />
      </Form.Item>
      {audioId ? (
        <div style={{ marginBottom: 16 }}>
          <Typography.Paragraph>Loa sẽ phát tệp âm thanh đính kèm đầu tiên thay cho giọng đọc kịch bản.</Typography.Paragraph>
          {audioUrl && <audio src={audioUrl} controls aria-label="Tệp âm thanh sẽ phát trên loa" style={{ width: '100%' }} />}
        </div>
      ) : (
        <SpeechPreview text={script} />
      )}
    </>
  );
}

/**
 * Every field of a message and a tab per channel rendition. Lives inside the editor's <Form>, which
 * is disabled for whoever may not write (admins): they still see everything.
 */
export function MessageFormFields({
  model,
  isNew,
  unitName,
  pricePerPart,
}: {
  model: ContentModel | undefined;
  isNew: boolean;
  unitName: string;
  pricePerPart: number | null;
}) {
  const form = Form.useFormInstance<MessageFormValues>();
  const [plain, setPlain] = useState(false);
  const unitInputId = useId();
  // Short tab names on a phone: antd's overflow menu inside the tab list is not valid ARIA.
  const short = !Grid.useBreakpoint().sm;
  const values = Form.useWatch([], form) as MessageFormValues | undefined;
  const attachments = useAttachments(values?.attachmentIds ?? []);
  const firstOf = (kind: 'audio' | 'image') => attachments.find((a) => a.data?.kind === kind)?.data?.id ?? null;
  const limits = model?.limits ?? {};

  return (
    <>
      <Form.Item label="Tiêu đề" name="title" rules={[{ required: true, whitespace: true, message: 'Nhập tiêu đề tin bài' }]}>
        <Input maxLength={limits.titleMax ?? 200} showCount />
      </Form.Item>
      <Form.Item label="Nội dung" name="body" rules={[{ required: true, whitespace: true, message: 'Nhập nội dung tin bài' }]}>
        <Input.TextArea autoSize={{ minRows: 5, maxRows: 18 }} maxLength={limits.bodyMax ?? 20000} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item label="Nhóm nội dung" name="contentGroup" rules={[{ required: true, message: 'Chọn nhóm nội dung' }]}>
            <Select options={codeOptions(model?.contentGroups)} loading={!model} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="Mức ưu tiên" name="priority">
            <Select options={codeOptions(model?.priorities)} loading={!model} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="Lĩnh vực cải cách" name="reformAreas">
            <Select mode="multiple" options={codeOptions(model?.reformAreas)} loading={!model} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="Chỉ số" name="indices">
            <Select mode="multiple" options={codeOptions(model?.indices)} loading={!model} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="Đối tượng" name="audiences">
            <Select mode="multiple" options={codeOptions(model?.audiences)} loading={!model} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          {isNew ? (
            <Form.Item label="Đơn vị" name="unitId" extra="Mặc định là đơn vị của bạn">
              <UnitSelect allowClear placeholder={unitName} />
            </Form.Item>
          ) : (
            <Form.Item label="Đơn vị" htmlFor={unitInputId}>
              <Input id={unitInputId} value={unitName} disabled />
            </Form.Item>
          )}
        </Col>
      </Row>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 8 }}>
        Nội dung theo kênh
      </Typography.Title>
      <Tabs
        items={[
          {
            key: 'sms',
            label: short ? 'SMS' : 'Tin nhắn SMS',
            forceRender: true,
            children: (
              <>
                <Form.Item label="Nội dung tin nhắn SMS" name={['renditions', 'sms']}>
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={limits.smsMax ?? 1000} />
                </Form.Item>
                <SmsCounter text={values?.renditions?.sms ?? ''} withoutDiacritics={plain} onWithoutDiacriticsChange={setPlain} pricePerPart={pricePerPart} />
              </>
            ),
          },
          {
            key: 'loudspeaker',
            label: short ? 'Loa' : 'Loa truyền thanh',
            forceRender: true,
            children: <LoudspeakerTab script={values?.renditions?.loudspeaker ?? ''} audioId={firstOf('audio')} limit={limits.loudspeakerScriptMax ?? 10000} />,
          },
          {
            key: 'board',
            label: short ? 'Bảng tin' : 'Bảng tin điện tử',
            forceRender: true,
            children: (
              <Row gutter={16}>
                <Col xs={24} lg={10}>
                  <Form.Item label="Tiêu đề trên bảng tin" name={['renditions', 'board', 'title']}>
                    <Input maxLength={limits.boardTitleMax ?? 120} showCount />
                  </Form.Item>
                  <Form.Item label="Nội dung trên bảng tin" name={['renditions', 'board', 'body']}>
                    <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={limits.boardBodyMax ?? 1000} showCount />
                  </Form.Item>
                </Col>
                <Col xs={24} lg={14}>
                  <BoardSlidePreview
                    title={values?.renditions?.board?.title ?? ''}
                    body={values?.renditions?.board?.body ?? ''}
                    imageId={firstOf('image')}
                    emergency={values?.priority === 'emergency'}
                    unitName={unitName}
                  />
                </Col>
              </Row>
            ),
          },
          {
            key: 'social',
            label: short ? 'Zalo, FB' : 'Zalo OA, Facebook',
            forceRender: true,
            children: (
              <Form.Item label="Bài đăng mạng xã hội" name={['renditions', 'social']}>
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} maxLength={limits.socialMax ?? 5000} showCount />
              </Form.Item>
            ),
          },
        ]}
      />
      <Form.Item label="Tệp đính kèm" name="attachmentIds">
        <AttachmentsField max={limits.attachmentsMax ?? 10} unitId={values?.unitId} limits={model?.uploads} />
      </Form.Item>
    </>
  );
}
