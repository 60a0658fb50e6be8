import { unlink } from 'node:fs/promises';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import multer from 'multer';
import { finalize, type Observable } from 'rxjs';
import { InvalidInputError } from '#domain/index.js';
import { importFormatOf, UNSUPPORTED_FORMAT } from '#services/subscribers/import-format.js';

/** A million rows with names and tags stay well under this; anything larger is not a subscriber list. */
export const LIST_UPLOAD_MAX_BYTES = 512 * 1024 * 1024;

/**
 * Writes the multipart field `file` (a .csv or .xlsx) to a temporary file (never to memory), so the
 * import can stream it row by row, and deletes that file once the request is answered, whatever the
 * outcome. Any other kind of file is refused before it is stored; multer's refusals become the one
 * error body, naming the field.
 */
@Injectable()
export class ListUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;

  constructor() {
    const Multer = FileInterceptor('file', {
      storage: multer.diskStorage({}),
      limits: { fileSize: LIST_UPLOAD_MAX_BYTES, files: 1, fields: 5, parts: 6 },
      defParamCharset: 'utf8',
      fileFilter: (_req, file, accept) => {
        if (importFormatOf(file.originalname, file.mimetype)) accept(null, true);
        else accept(new InvalidInputError([UNSUPPORTED_FORMAT]), false);
      },
    });
    this.multer = new Multer();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request & { file?: { path?: string } }>();
    let handled: Observable<unknown>;
    try {
      handled = await this.multer.intercept(context, next);
    } catch (error) {
      throw toFieldProblem(error);
    }
    return handled.pipe(
      finalize(() => {
        // A temp file already gone (the OS cleaned tmp) is the outcome wanted; nothing else can fail here.
        if (req.file?.path) unlink(req.file.path).catch(() => undefined);
      }),
    );
  }
}

function toFieldProblem(error: unknown): unknown {
  const cause = (error as { cause?: { code?: string; field?: string } }).cause;
  switch (cause?.code) {
    case 'LIMIT_FILE_SIZE':
      return new InvalidInputError([
        { field: 'file', rule: 'maxSize', message: `tệp lớn quá ${LIST_UPLOAD_MAX_BYTES / 1024 / 1024} MB; hãy chia thành nhiều tệp` },
      ]);
    case 'LIMIT_FILE_COUNT':
      return new InvalidInputError([{ field: 'file', rule: 'maxCount', message: 'chỉ nhận một tệp mỗi lần nhập' }]);
    case 'LIMIT_UNEXPECTED_FILE':
      return new InvalidInputError([
        { field: cause.field ?? 'file', rule: 'unknown-field', message: 'trường không được phép (gửi tệp trong trường "file")' },
      ]);
    default:
      return error;
  }
}
