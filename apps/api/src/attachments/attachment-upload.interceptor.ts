import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { InvalidInputError, tooLarge } from '#domain/index.js';

/**
 * Reads the multipart field `file` into memory. multer stops reading just above the larger of the two
 * per-kind limits, so an oversized body is never held whole; the exact per-kind limit is applied
 * after the bytes are sniffed. multer's refusals become the one error body, naming the field.
 */
@Injectable()
export class AttachmentUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;
  private readonly ceilingBytes: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.ceilingBytes = Math.max(config.uploadMaxAudioBytes, config.uploadMaxImageBytes);
    const Multer = FileInterceptor('file', {
      storage: multer.memoryStorage(),
      limits: { fileSize: this.ceilingBytes + 1, files: 1, fields: 10, parts: 12 },
      defParamCharset: 'utf8',
    });
    this.multer = new Multer();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (error) {
      throw this.toFieldProblem(error);
    }
  }

  private toFieldProblem(error: unknown): unknown {
    const cause = (error as { cause?: { code?: string; field?: string } }).cause;
    switch (cause?.code) {
      case 'LIMIT_FILE_SIZE':
        return tooLarge('any', this.ceilingBytes);
      case 'LIMIT_FILE_COUNT':
        return new InvalidInputError([{ field: 'file', rule: 'maxCount', message: 'chỉ nhận một tệp mỗi lần tải lên' }]);
      case 'LIMIT_UNEXPECTED_FILE':
        return new InvalidInputError([
          { field: cause.field ?? 'file', rule: 'unknown-field', message: 'trường không được phép (gửi tệp trong trường "file")' },
        ]);
      default:
        return error;
    }
  }
}
