import { deflateSync } from 'node:zlib';
import { assertWholeImage, imageStructureProblem } from './image-structure.js';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, 'ascii'), data, Buffer.alloc(4)]);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
const png = Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from([0, 1, 2, 3]))), chunk('IEND', Buffer.alloc(0))]);

const sof = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00]);
const sos = Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8]), sof, sos, Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56]), Buffer.from([0xff, 0xd9])]);

function webp(payload: Buffer, declared?: number): Buffer {
  const vp8l = Buffer.concat([Buffer.from('VP8L'), Buffer.from([payload.length, 0, 0, 0]), payload, payload.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(declared ?? 4 + vp8l.length);
  return Buffer.concat([Buffer.from('RIFF'), size, Buffer.from('WEBP'), vp8l]);
}

describe('imageStructureProblem', () => {
  it('accepts whole PNG, JPEG and WebP files', () => {
    expect([imageStructureProblem('png', png), imageStructureProblem('jpg', jpeg), imageStructureProblem('webp', webp(Buffer.from([0x2f, 0, 0, 0, 0])))]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('refuses a PNG cut to 20 bytes, one without IEND and one without image data', () => {
    expect(imageStructureProblem('png', png.subarray(0, 20))).toMatch(/cắt cụt/);
    expect(imageStructureProblem('png', png.subarray(0, png.length - 12))).toMatch(/IEND/);
    const noData = Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IEND', Buffer.alloc(0))]);
    expect(imageStructureProblem('png', noData)).toMatch(/IDAT/);
    expect(imageStructureProblem('png', Buffer.concat([SIGNATURE, chunk('IDAT', Buffer.alloc(3)), chunk('IEND', Buffer.alloc(0))]))).toMatch(/IHDR/);
  });

  it('refuses a JPEG cut before its end or without a frame', () => {
    expect(imageStructureProblem('jpg', jpeg.subarray(0, jpeg.length - 2))).toMatch(/kết thúc/);
    expect(imageStructureProblem('jpg', jpeg.subarray(0, 8))).toMatch(/cắt cụt/);
    expect(imageStructureProblem('jpg', Buffer.concat([Buffer.from([0xff, 0xd8]), sos, Buffer.from([0xff, 0xd9])]))).toMatch(/khung/);
  });

  it('refuses a WebP whose RIFF size runs past the file', () => {
    expect(imageStructureProblem('webp', webp(Buffer.from([0x2f, 0, 0, 0, 0]), 400))).toMatch(/cắt cụt/);
  });

  it('names the file field and the rule when it refuses', () => {
    expect(() => assertWholeImage('png', png.subarray(0, 20))).toThrow(expect.objectContaining({ details: [expect.objectContaining({ field: 'file', rule: 'imageIntegrity' })] }));
    expect(() => assertWholeImage('mp3', Buffer.alloc(4))).not.toThrow();
  });
});
