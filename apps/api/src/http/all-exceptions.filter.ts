import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, RateLimitedError, type FieldProblem } from '#domain/index.js';
import type { ErrorBody } from './error-body.js';

const KIND_STATUS: Record<DomainError['kind'], number> = {
  'not-found': HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  'rate-limited': HttpStatus.TOO_MANY_REQUESTS,
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Maps every thrown thing to the one error body. Unexpected errors are logged and answered without internals. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const body = this.toBody(exception);
    body.requestId = req.id ? String(req.id) : undefined;
    if (exception instanceof RateLimitedError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    // A 5xx the code chose (readiness) is an answer, not a fault: only what nothing mapped is logged as one.
    if (!(exception instanceof DomainError) && !(exception instanceof HttpException)) {
      this.logger.error({ err: exception, requestId: body.requestId }, 'unhandled error');
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = KIND_STATUS[exception.kind];
      return { statusCode, error: STATUS_TEXT[statusCode], message: exception.message, details: exception.details };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const payload = typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
      const message = Array.isArray(payload.message) ? payload.message.join('; ') : String(payload.message ?? exception.message);
      const details = Array.isArray(payload.details) ? (payload.details as FieldProblem[]) : [];
      return { statusCode, error: STATUS_TEXT[statusCode] ?? exception.name, message, details };
    }
    return { statusCode: 500, error: STATUS_TEXT[500], message: 'Lỗi hệ thống, vui lòng thử lại sau', details: [] };
  }
}
