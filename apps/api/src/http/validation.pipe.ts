import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { toFieldProblems } from './validation-messages.js';

/** DTOs are validated strictly: unknown fields rejected, values transformed to their declared types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = toFieldProblems(errors);
      return new BadRequestException({ message: 'Dữ liệu gửi lên không hợp lệ', details });
    },
  });
}
