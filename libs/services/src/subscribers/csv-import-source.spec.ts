import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countDataLines } from './csv-import-source.js';

describe('countDataLines', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tincoso-count-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const count = async (text: string, delimiter = ',') => {
    const path = join(dir, 'list.csv');
    await writeFile(path, text);
    return countDataLines(path, delimiter);
  };

  it('counts the lines after the header that hold a value, with or without a final line break', async () => {
    expect(await count('phone,full_name\r\n0912000001,An\r\n\r\n0912000002,Bình')).toBe(2);
    expect(await count('\ufeffphone;tags\n0912000001;a\n;;\n "";\n0912000002;\n', ';')).toBe(2);
    expect(await count('phone\n')).toBe(0);
  });
});
