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
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** What the officer reads when the framework, not our code, refused the request. */
const STATUS_MESSAGE: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Chưa đăng nhập hoặc phiên đăng nhập đã hết hạn',
  403: 'Không có quyền thực hiện thao tác này',
  404: 'Không tìm thấy địa chỉ được yêu cầu',
  405: 'Phương thức không được hỗ trợ tại địa chỉ này',
  406: 'Không có định dạng trả lời phù hợp với yêu cầu',
  409: 'Xung đột với dữ liệu hiện có',
  413: 'Dữ liệu gửi lên quá lớn',
  415: 'Kiểu nội dung gửi lên không được hỗ trợ',
  429: 'Quá nhiều yêu cầu, vui lòng thử lại sau',
  503: 'Dịch vụ tạm thời không sẵn sàng',
};

const VIETNAMESE_LETTER = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

/**
 * body-parser's refusals (http-errors with a `type`: broken JSON, a body over the limit, an unsupported
 * charset) and Express's undecodable path: the sender's fault, so a 4xx naming the rule. The Express
 * adapter hands them over wrapped in an HttpException whose cause is the original error.
 */
function frameworkError(exception: unknown): ErrorBody | undefined {
  const source = exception instanceof HttpException ? exception.cause : exception;
  if (!source || typeof source !== 'object' || source instanceof DomainError) return undefined;
  const { type, status, expose, limit } = source as { type?: unknown; status?: unknown; expose?: unknown; limit?: unknown };
  if (source instanceof URIError && status === 400) {
    const message = 'Đường dẫn có ký tự mã hoá (%) không hợp lệ';
    return { statusCode: 400, error: STATUS_TEXT[400], message, details: [{ field: 'path', rule: 'uri', message }] };
  }
  if (typeof status !== 'number' || status < 400 || status >= 500 || expose !== true) return undefined;
  const problem = BODY_PARSER_PROBLEMS[String(type)];
  const bound = type === 'entity.too.large' && typeof limit === 'number' ? ` (tối đa ${Math.ceil(limit / 1024)} KB)` : '';
  const message = (problem?.message ?? STATUS_MESSAGE[status] ?? STATUS_MESSAGE[400]) + bound;
  return { statusCode: status, error: STATUS_TEXT[status] ?? 'Bad Request', message, details: problem ? [{ field: 'body', rule: problem.rule, message }] : [] };
}

const BODY_PARSER_PROBLEMS: Record<string, { rule: string; message: string }> = {
  'entity.parse.failed': { rule: 'json', message: 'Nội dung gửi lên không phải JSON hợp lệ' },
  'entity.too.large': { rule: 'maxSize', message: 'Dữ liệu gửi lên quá lớn' },
  'charset.unsupported': { rule: 'charset', message: 'Bảng mã của nội dung gửi lên không được hỗ trợ (chỉ nhận UTF-8)' },
  'encoding.unsupported': { rule: 'encoding', message: 'Kiểu nén của nội dung gửi lên không được hỗ trợ' },
  'request.aborted': { rule: 'aborted', message: 'Yêu cầu bị ngắt trước khi gửi xong' },
  'request.size.invalid': { rule: 'size', message: 'Độ dài nội dung không khớp với khai báo' },
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
    if (!(exception instanceof DomainError) && !(exception instanceof HttpException) && body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: body.requestId }, 'unhandled error');
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    const framework = frameworkError(exception);
    if (framework) return framework;
    if (exception instanceof DomainError) {
      const statusCode = KIND_STATUS[exception.kind];
      return { statusCode, error: STATUS_TEXT[statusCode], message: exception.message, details: exception.details, code: exception.code };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const payload = typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
      const english = Array.isArray(payload.message) ? payload.message.join('; ') : String(payload.message ?? exception.message);
      // Nest's own exceptions (routing, ParseXPipe, multer) carry English text: the officer reads the status's Vietnamese one.
      const message = VIETNAMESE_LETTER.test(english) ? english : (STATUS_MESSAGE[statusCode] ?? STATUS_MESSAGE[400]);
      const details = Array.isArray(payload.details) ? (payload.details as FieldProblem[]) : [];
      return { statusCode, error: STATUS_TEXT[statusCode] ?? exception.name, message, details };
    }
    return { statusCode: 500, error: STATUS_TEXT[500], message: 'Lỗi hệ thống, vui lòng thử lại sau', details: [] };
  }
}
