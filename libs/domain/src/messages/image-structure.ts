import { InvalidInputError } from '../errors.js';

/**
 * Whether an image's bytes are whole, not only its first bytes: a sniffer recognises a PNG by its
 * 8-byte signature, so a file cut off in transfer or a header glued onto anything passed. The boards,
 * the public page and the social posts would then show a broken image. Walks the container's structure
 * (PNG chunks to IEND, JPEG segments to the scan and its EOI, the WebP RIFF chunks) without decoding pixels.
 */
export function imageStructureProblem(ext: string, bytes: Uint8Array): string | undefined {
  if (ext === 'png') return pngProblem(bytes);
  if (ext === 'jpg') return jpegProblem(bytes);
  if (ext === 'webp') return webpProblem(bytes);
  return undefined;
}

/** Refuses an image whose structure is broken, naming what is missing. */
export function assertWholeImage(ext: string, bytes: Uint8Array): void {
  const problem = imageStructureProblem(ext, bytes);
  if (problem) {
    throw new InvalidInputError([{ field: 'file', rule: 'imageIntegrity', message: `tệp hình ảnh bị hỏng hoặc không trọn vẹn (${problem})` }]);
  }
}

const u32be = (b: Uint8Array, at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const u32le = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

function pngProblem(b: Uint8Array): string | undefined {
  let at = 8;
  let idat = 0;
  let first = true;
  while (at + 12 <= b.length) {
    const length = u32be(b, at);
    const type = ascii(b, at + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) return 'PNG có khối dữ liệu không hợp lệ';
    if (at + 12 + length > b.length) return `PNG bị cắt cụt giữa khối ${type}`;
    if (first && (type !== 'IHDR' || length !== 13 || u32be(b, at + 8) === 0 || u32be(b, at + 12) === 0)) return 'PNG thiếu phần đầu IHDR hợp lệ';
    first = false;
    if (type === 'IDAT') idat += 1;
    if (type === 'IEND') return idat > 0 ? undefined : 'PNG không có dữ liệu ảnh IDAT';
    at += 12 + length;
  }
  return 'PNG bị cắt cụt, thiếu phần kết thúc IEND';
}

/** Markers without a length: SOI, EOI, RSTn, TEM. */
const STANDALONE = new Set([0xd8, 0xd9, 0x01, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7]);
const START_OF_FRAME = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegProblem(b: Uint8Array): string | undefined {
  let at = 2;
  let frame = false;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return 'JPEG có đoạn dữ liệu không hợp lệ';
    const marker = b[at + 1];
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (STANDALONE.has(marker)) {
      at += 2;
      continue;
    }
    const length = (b[at + 2] << 8) | b[at + 3];
    if (length < 2 || at + 2 + length > b.length) return 'JPEG bị cắt cụt giữa phần đầu';
    if (START_OF_FRAME.has(marker)) {
      if (length < 8 || ((b[at + 5] << 8) | b[at + 6]) === 0 || ((b[at + 7] << 8) | b[at + 8]) === 0) return 'JPEG có kích thước ảnh không hợp lệ';
      frame = true;
    }
    if (marker === 0xda) {
      if (!frame) return 'JPEG thiếu phần mô tả khung ảnh';
      for (let i = at + 2 + length; i + 1 < b.length; i += 1) if (b[i] === 0xff && b[i + 1] === 0xd9) return undefined;
      return 'JPEG bị cắt cụt, thiếu phần kết thúc';
    }
    at += 2 + length;
  }
  return 'JPEG bị cắt cụt trước dữ liệu ảnh';
}

function webpProblem(b: Uint8Array): string | undefined {
  if (b.length < 20 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return 'WebP thiếu phần đầu RIFF';
  const end = 8 + u32le(b, 4);
  if (end > b.length) return 'WebP bị cắt cụt';
  let at = 12;
  let image = false;
  while (at + 8 <= end) {
    const type = ascii(b, at, 4);
    const size = u32le(b, at + 4);
    if (at + 8 + size > end) return `WebP bị cắt cụt giữa khối ${type.trim()}`;
    if (type === 'VP8 ' || type === 'VP8L' || type === 'ANMF') image ||= size > 0;
    at += 8 + size + (size % 2);
  }
  return image ? undefined : 'WebP không có dữ liệu ảnh';
}
