import type { Request, Response } from 'express';

/** Sends bytes honouring a single `Range: bytes=a-b` request (206, or 416 when unsatisfiable). */
export function sendWithRange(req: Request, res: Response, bytes: Buffer, contentType: string): void {
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Type', contentType);
  const range = req.headers.range?.match(/^bytes=(\d*)-(\d*)$/);
  if (!range || (range[1] === '' && range[2] === '')) {
    res.setHeader('Content-Length', String(bytes.length));
    res.status(200).end(bytes);
    return;
  }
  const size = bytes.length;
  let start: number;
  let end: number;
  if (range[1] === '') {
    start = Math.max(0, size - Number(range[2]));
    end = size - 1;
  } else {
    start = Number(range[1]);
    end = range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1);
  }
  if (start > end || start >= size) {
    res.setHeader('Content-Range', `bytes */${size}`);
    res.status(416).end();
    return;
  }
  res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  res.setHeader('Content-Length', String(end - start + 1));
  res.status(206).end(bytes.subarray(start, end + 1));
}
