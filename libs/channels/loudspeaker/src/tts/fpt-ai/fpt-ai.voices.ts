import type { TtsVoice } from '../tts-engine.js';

/**
 * FPT.AI Text-to-Speech v5 voices (docs.fpt.ai, "Text to Speech" API: the `voice` header), by accent.
 * The fake server (test/fakes/fake-fpt-tts.server.ts) accepts exactly these.
 */
export const FPT_AI_VOICES: readonly TtsVoice[] = [
  { id: 'banmai', label: 'Ban Mai: nữ miền Bắc', region: 'north', gender: 'female' },
  { id: 'thuminh', label: 'Thu Minh: nữ miền Bắc', region: 'north', gender: 'female' },
  { id: 'leminh', label: 'Lê Minh: nam miền Bắc', region: 'north', gender: 'male' },
  { id: 'myan', label: 'Mỹ An: nữ miền Trung', region: 'central', gender: 'female' },
  { id: 'ngoclam', label: 'Ngọc Lam: nữ miền Trung', region: 'central', gender: 'female' },
  { id: 'giahuy', label: 'Gia Huy: nam miền Trung', region: 'central', gender: 'male' },
  { id: 'lannhi', label: 'Lan Nhi: nữ miền Nam', region: 'south', gender: 'female' },
  { id: 'linhsan', label: 'Linh San: nữ miền Nam', region: 'south', gender: 'female' },
  { id: 'minhquang', label: 'Minh Quang: nam miền Nam', region: 'south', gender: 'male' },
];
