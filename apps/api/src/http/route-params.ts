import { Param, ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { InvalidInputError } from '../../../../libs/domain/src/index.js';

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter, never a database error. */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({ exceptionFactory: () => new InvalidInputError([{ field: name, rule: 'isUuid', message: 'phải là UUID' }]) }),
  );

export const IntParam = (name: string) =>
  Param(
    name,
    new ParseIntPipe({ exceptionFactory: () => new InvalidInputError([{ field: name, rule: 'isInt', message: 'phải là số nguyên' }]) }),
  );
