import { SoundOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Select } from 'antd';
import { useEffect, useId, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../lib/form-errors';

type Voice = 'default' | 'north' | 'central' | 'south';

const VOICES: { value: Voice; label: string }[] = [
  { value: 'default', label: 'Giọng đang dùng cho loa' },
  { value: 'north', label: 'Giọng miền Bắc' },
  { value: 'central', label: 'Giọng miền Trung' },
  { value: 'south', label: 'Giọng miền Nam' },
];

/** POST /speech/preview answers audio/wav; the path is newer than some generated clients, hence the loose call. */
async function synthesise(text: string, voice: Voice): Promise<Blob> {
  const post = api.POST as unknown as (path: string, init: { body: unknown; parseAs: 'blob' }) => Promise<{ data?: Blob; error?: unknown; response: Response }>;
  const body = { text: text.slice(0, 2000), ...(voice !== 'default' && { voice }) };
  return unwrap(post('/api/v1/speech/preview', { body, parseAs: 'blob' }));
}

/** "Nghe thử": the loudspeaker script read by the same speech engine the stations use. */
export function SpeechPreview({ text }: { text: string }) {
  const [voice, setVoice] = useState<Voice>('default');
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const voiceId = useId();

  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);

  const play = async () => {
    setBusy(true);
    setError(null);
    try {
      const blob = await synthesise(text, voice);
      setUrl(URL.createObjectURL(blob));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={8}>
      <Flex wrap gap={8} align="center">
        <label htmlFor={voiceId}>Giọng đọc</label>
        <Select id={voiceId} value={voice} onChange={setVoice} options={VOICES} style={{ width: 220, maxWidth: '100%' }} />
        <Button icon={<SoundOutlined />} onClick={play} loading={busy} disabled={!text.trim()}>
          Nghe thử
        </Button>
      </Flex>
      {text.length > 2000 && <Alert type="info" showIcon title="Nghe thử đọc 2.000 ký tự đầu của kịch bản." />}
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      {url && <audio src={url} controls autoPlay aria-label="Nghe thử kịch bản loa" style={{ width: '100%' }} />}
    </Flex>
  );
}
