import { joinMp3, splitScript } from './fpt-ai-script.js';

describe('splitScript', () => {
  it('keeps a short script whole', () => {
    expect(splitScript('Một câu ngắn.')).toEqual(['Một câu ngắn.']);
  });

  it('cuts at sentence ends within the limit', () => {
    expect(splitScript('Câu một đây. Câu hai đây. Câu ba đây.', 26)).toEqual(['Câu một đây. Câu hai đây.', 'Câu ba đây.']);
  });

  it('cuts at a space when a sentence is longer than the limit, never inside a word', () => {
    const chunks = splitScript('không có dấu chấm nào trong câu rất dài này', 12);
    expect(chunks.every((c) => c.length <= 12)).toBe(true);
    expect(chunks.join(' ')).toBe('không có dấu chấm nào trong câu rất dài này');
  });
});

describe('joinMp3', () => {
  it('drops the ID3v2 tag of every piece after the first', () => {
    const tag = Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 2, 0xaa, 0xbb]);
    const frames = Buffer.from([0xff, 0xfb, 0x90, 0x64]);
    const joined = joinMp3([Buffer.concat([tag, frames]), Buffer.concat([tag, frames])]);
    expect(joined).toEqual(Buffer.concat([tag, frames, frames]));
  });
});
