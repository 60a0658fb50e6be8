import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Select, Slider, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useProfile } from '../../auth/auth-context';
import { errorMessage } from '../../lib/form-errors';
import { UnitSelect } from '../unit-select';

const REGION: Record<string, string> = { north: 'Miền Bắc', central: 'Miền Trung', south: 'Miền Nam' };
const SOURCE: Record<string, string> = { unit: 'riêng của đơn vị', ancestor: 'theo đơn vị cấp trên', default: 'mặc định của hệ thống' };

/**
 * Giọng đọc loa: the voice and speed a unit's loudspeaker speech is read in (its own, else inherited).
 * Supervisors and admins change it; everyone sees it.
 */
export function UnitSpeechSetting() {
  const profile = useProfile();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState<string>(profile.unitId);
  const [draft, setDraft] = useState<{ voice: string; speed: number } | null>(null);
  const canEdit = profile.role === 'supervisor' || profile.role === 'admin';

  const voices = useQuery({ queryKey: ['speech-voices'], queryFn: () => unwrap(api.GET('/api/v1/speech/voices')), staleTime: Infinity });
  const setting = useQuery({
    queryKey: ['speech-setting', unitId],
    queryFn: () => unwrap(api.GET('/api/v1/speech/units/{id}', { params: { path: { id: unitId } } })),
  });
  useEffect(() => setDraft(setting.data ? { voice: setting.data.effective.voice, speed: setting.data.effective.speed } : null), [setting.data]);

  const done = (text: string) => () => {
    void message.success(text);
    void queryClient.invalidateQueries({ queryKey: ['speech-setting'] });
  };
  const save = useMutation({
    mutationFn: (body: { voice: string; speed: number }) => unwrap(api.PUT('/api/v1/speech/units/{id}', { params: { path: { id: unitId } }, body })),
    onSuccess: done('Đã lưu giọng đọc; các bản tin sau sẽ được đọc bằng giọng này'),
    onError: (e) => void message.error(errorMessage(e)),
  });
  const clear = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/speech/units/{id}', { params: { path: { id: unitId } } })),
    onSuccess: done('Đơn vị dùng lại giọng đọc của cấp trên'),
    onError: (e) => void message.error(errorMessage(e)),
  });

  const effective = setting.data?.effective;
  const options = Object.entries(REGION).map(([region, label]) => ({
    label,
    options: (voices.data?.voices ?? []).filter((v) => v.region === region).map((v) => ({ value: v.id, label: v.label })),
  }));
  return (
    <Card title="Giọng đọc loa" size="small" style={{ marginTop: 16 }} loading={voices.isPending || setting.isPending}>
      <Flex vertical gap={12} style={{ maxWidth: 520 }}>
        <UnitSelect value={unitId} onChange={(id) => id && setUnitId(id)} ownUnitFirst aria-label="Đơn vị" />
        {effective && (
          <Typography.Text type="secondary">
            Đang dùng {SOURCE[effective.source]}
            {effective.source === 'ancestor' && effective.fromUnitName ? ` (${effective.fromUnitName})` : ''} · bộ máy đọc {voices.data?.engine}
          </Typography.Text>
        )}
        {draft && (
          <>
            <Select aria-label="Giọng đọc" value={draft.voice} options={options} disabled={!canEdit} onChange={(voice) => setDraft({ ...draft, voice })} />
            <div>
              <Typography.Text>Tốc độ đọc</Typography.Text>
              <Slider
                ariaLabelForHandle="Tốc độ đọc"
                min={voices.data?.speed.min ?? -3}
                max={voices.data?.speed.max ?? 3}
                marks={{ [-3]: 'Chậm', 0: 'Bình thường', 3: 'Nhanh' }}
                value={draft.speed}
                disabled={!canEdit}
                onChange={(speed) => setDraft({ ...draft, speed })}
              />
            </div>
          </>
        )}
        {canEdit && draft && (
          <Flex gap={8}>
            <Button type="primary" loading={save.isPending} onClick={() => save.mutate(draft)}>
              Lưu giọng đọc
            </Button>
            {setting.data?.own && (
              <Button loading={clear.isPending} onClick={() => clear.mutate()}>
                Dùng giọng của cấp trên
              </Button>
            )}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
