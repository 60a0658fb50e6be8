import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Alert, Button, Card, Flex, Grid, Select, Steps, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useProfile } from '../../auth/auth-context';
import { apiGet, broadcastApi } from '../../components/broadcasts/broadcast-api';
import { ErrorText } from '../../components/broadcasts/broadcast-tags';
import { UnitTreePicker } from '../../components/broadcasts/unit-tree-picker';
import { useUnitNames } from '../../components/broadcasts/use-unit-names';
import { WizardChannelsStep } from '../../components/broadcasts/wizard-channels-step';
import { WizardMessageStep } from '../../components/broadcasts/wizard-message-step';
import { WizardPreviewStep } from '../../components/broadcasts/wizard-preview-step';
import { WizardScheduleStep } from '../../components/broadcasts/wizard-schedule-step';
import {
  STEPS,
  describeSchedule,
  groupErrors,
  initialChoices,
  stepProblem,
  toRequest,
  type StepErrors,
  type WizardChoices,
} from '../../components/broadcasts/wizard-state';
import { PageHeader } from '../../components/page-header';
import { CHANNEL } from '../../lib/labels';
import { DEFAULT_TIME_ZONE } from '../../lib/time';

const TITLES = ['Tin bài', 'Nơi nhận', 'Kênh phát', 'Thời gian', 'Xem trước'];

/** "Lên lịch phát": message → targets → channels → schedule → preview → Xác nhận. Every choice survives going back. */
export default function BroadcastWizardPage() {
  const profile = useProfile();
  const tz = profile.timeZone ?? DEFAULT_TIME_ZONE;
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const narrow = !Grid.useBreakpoint().md;
  const [choices, setChoices] = useState<WizardChoices>(() => initialChoices(params.get('messageId')));
  const [step, setStep] = useState(0);
  const [hint, setHint] = useState<string | null>(null);
  const set = (patch: Partial<WizardChoices>) => {
    setHint(null);
    setChoices((c) => ({ ...c, ...patch }));
  };

  const ready = STEPS.slice(0, 4).every((s) => !stepProblem(s, choices, tz));
  const request = useMemo(() => (ready ? toRequest(choices, tz) : null), [ready, choices, tz]);
  const preview = useQuery({
    queryKey: ['broadcast-preview', request],
    queryFn: () => broadcastApi.preview(request!),
    enabled: STEPS[step] === 'preview' && !!request,
    staleTime: 0,
  });
  const create = useMutation({
    mutationFn: () => broadcastApi.create(request!),
    onSuccess: (b) => {
      void queryClient.invalidateQueries({ queryKey: ['broadcasts'] });
      void message.success('Đã lên lịch phát');
      navigate(`/broadcasts/${b.id}`);
    },
  });
  const errors: StepErrors = create.error ? groupErrors(create.error) : preview.error ? groupErrors(preview.error) : {};

  const chosenMessage = useQuery({
    queryKey: ['messages', choices.messageId],
    queryFn: () => apiGet<{ version: { title: string } }>(`/api/v1/messages/${choices.messageId}`),
    enabled: !!choices.messageId,
  });
  const title = chosenMessage.data?.version.title;

  const go = (to: number) => {
    if (step === 0 && to > 0 && chosenMessage.isError) {
      setHint('Tin bài này không tồn tại hoặc bạn không có quyền xem; hãy chọn tin bài khác');
      return;
    }
    for (let i = step; i < to; i++) {
      const problem = stepProblem(STEPS[i], choices, tz);
      if (problem) {
        setStep(i);
        setHint(problem);
        return;
      }
    }
    setHint(null);
    create.reset();
    setStep(to);
  };

  const unitNames = useUnitNames(choices.unitIds);
  const villageNames = useUnitNames(choices.villageIds);
  const summary = [
    { label: 'Tin bài', value: title ?? '—' },
    { label: 'Nơi nhận', value: [unitNames, villageNames && `chỉ ${villageNames}`, choices.tags.length && `nhãn: ${choices.tags.join(', ')}`].filter(Boolean).join('; ') },
    { label: 'Kênh', value: choices.channels.map((c) => CHANNEL[c] ?? c).join(', ') + (choices.channels.includes('sms') && choices.smsWithoutDiacritics ? ' (SMS không dấu)' : '') },
    { label: 'Thời gian', value: describeSchedule(choices) ?? '—' },
  ];

  const current = STEPS[step];
  const tagErrors = errors.targets?.filter((e) => e.field.startsWith('targets.tags')) ?? [];
  const errorSteps = STEPS.map((s, i) => ({ s, i })).filter(({ s }) => errors[s]?.length && s !== 'preview');

  return (
    <>
      <PageHeader title="Lên lịch phát" subtitle="Chọn tin bài, nơi nhận, kênh và thời gian; xem trước rồi xác nhận." />
      {narrow ? (
        <Typography.Paragraph strong>
          Bước {step + 1}/{STEPS.length}: {TITLES[step]}
        </Typography.Paragraph>
      ) : (
        <Steps
          current={step}
          size="small"
          style={{ marginBottom: 16 }}
          onChange={go}
          items={TITLES.map((t, i) => ({ title: t, status: errors[STEPS[i]]?.length ? 'error' : undefined }))}
        />
      )}
      <Card>
        <section hidden={current !== 'message'} aria-label="Chọn tin bài">
          <WizardMessageStep messageId={choices.messageId} onChange={(messageId) => set({ messageId })} errors={errors.message} tz={tz} />
        </section>
        <section hidden={current !== 'targets'} aria-label="Chọn nơi nhận">
          <Flex vertical gap={16}>
            <UnitTreePicker
              rootUnitId={profile.unitId}
              value={{ unitIds: choices.unitIds, villageIds: choices.villageIds }}
              onChange={(v) => set(v)}
              error={errors.targets?.filter((e) => !e.field.startsWith('targets.tags')).map((e) => e.message).join('; ')}
            />
            <div>
              <label htmlFor="wizard-tags">Chỉ gửi SMS đến người nhận có nhãn (không bắt buộc)</label>
              <Select
                id="wizard-tags"
                mode="tags"
                style={{ width: '100%' }}
                placeholder="Gõ nhãn rồi nhấn Enter, ví dụ: hoi-nong-dan"
                value={choices.tags}
                onChange={(tags) => set({ tags })}
                open={false}
                suffixIcon={null}
                status={tagErrors.length ? 'error' : undefined}
              />
              {tagErrors.map((e) => (
                <ErrorText key={e.message}>
                  {e.message}
                </ErrorText>
              ))}
            </div>
          </Flex>
        </section>
        <section hidden={current !== 'channels'} aria-label="Chọn kênh phát">
          <WizardChannelsStep
            active={current === 'channels'}
            messageId={choices.messageId}
            targets={{ unitIds: choices.unitIds, villageIds: choices.villageIds, tags: choices.tags }}
            channels={choices.channels}
            onChange={(channels) => set({ channels })}
            smsWithoutDiacritics={choices.smsWithoutDiacritics}
            onSmsWithoutDiacritics={(smsWithoutDiacritics) => set({ smsWithoutDiacritics })}
            errors={errors.channels}
          />
        </section>
        <section hidden={current !== 'schedule'} aria-label="Chọn thời gian phát">
          <WizardScheduleStep choices={choices} onChange={set} tz={tz} errors={errors.schedule} />
        </section>
        {current === 'preview' && (
          <section aria-label="Xem trước">
            {errorSteps.length > 0 && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 16 }}
                title="Cần sửa trước khi xác nhận"
                description={
                  <Flex vertical gap={4}>
                    {errorSteps.map(({ s, i }) => (
                      <Flex key={s} gap={8} wrap align="center">
                        <span>{errors[s]!.map((e) => e.message).join('; ')}</span>
                        <Button size="small" onClick={() => setStep(i)}>
                          Sửa ở bước “{TITLES[i]}”
                        </Button>
                      </Flex>
                    ))}
                  </Flex>
                }
              />
            )}
            <WizardPreviewStep preview={preview.data} loading={preview.isFetching} errors={errors.preview} summary={summary} />
            {preview.error && !preview.isFetching && (
              <Button style={{ marginTop: 12 }} onClick={() => void preview.refetch()}>
                Tính lại bản xem trước
              </Button>
            )}
          </section>
        )}
        {hint && <Alert type="warning" showIcon title={hint} style={{ marginTop: 16 }} role="alert" />}
        <Flex justify="space-between" gap={8} style={{ marginTop: 24 }}>
          <Button onClick={() => (step === 0 ? navigate('/broadcasts') : go(step - 1))}>{step === 0 ? 'Hủy' : 'Quay lại'}</Button>
          {current === 'preview' ? (
            <Button
              type="primary"
              loading={create.isPending}
              disabled={!preview.data || preview.isFetching}
              onClick={() => create.mutate()}
            >
              Xác nhận
            </Button>
          ) : (
            <Button type="primary" onClick={() => go(step + 1)}>
              Tiếp tục
            </Button>
          )}
        </Flex>
      </Card>
    </>
  );
}
