import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldProblem } from '#domain/index.js';
import type { ErrorBody } from './error-body.js';

/** One broken rule of one field, e.g. `{field: 'title', rule: 'maxLength', message: 'Tiêu đề tối đa 200 ký tự'}`. */
export class FieldProblemDto implements FieldProblem {
  @ApiProperty({ example: 'title', description: 'The field (dotted path for nested fields, e.g. `targets.unitIds`)' })
  field!: string;

  @ApiProperty({ example: 'maxLength', description: 'The rule it breaks (class-validator or domain rule name)' })
  rule!: string;

  @ApiProperty({ example: 'Tiêu đề tối đa 200 ký tự', description: 'Vietnamese text to show at the field' })
  message!: string;
}

/** The one body of every 4xx and 5xx answer (AllExceptionsFilter). */
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request', description: 'The HTTP status text' })
  error!: string;

  @ApiProperty({ example: 'title: Tiêu đề tối đa 200 ký tự', description: 'Vietnamese text meant for the officer' })
  message!: string;

  @ApiProperty({ type: [FieldProblemDto], description: 'Empty unless fields are at fault' })
  details!: FieldProblemDto[];

  @ApiPropertyOptional({ example: 'relay.full', description: "The domain's reason for a refusal a client may act on (e.g. `relay.full`, `relay.placed`); absent when the framework refused" })
  code?: string;

  @ApiPropertyOptional({ example: '5f0c8a4e-2f7b-4f5e-9a53-0d6c3b7e9a11', description: 'Quote it when reporting a problem' })
  requestId?: string;
}
