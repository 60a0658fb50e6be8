import { Param, ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { InvalidInputError } from '#domain/index.js';

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter, never a database error. */
export const UuidParam = (name: string): ParameterDecorator => (target, key, index) => {
  Param(
    name,
    new ParseUUIDPipe({ exceptionFactory: () => new InvalidInputError([{ field: name, rule: 'isUuid', message: 'phải là UUID' }]) }),
  )(target, key, index);
  documented(target, key, { name, format: 'uuid' });
};

export const IntParam = (name: string): ParameterDecorator => (target, key, index) => {
  Param(
    name,
    new ParseIntPipe({ exceptionFactory: () => new InvalidInputError([{ field: name, rule: 'isInt', message: 'phải là số nguyên' }]) }),
  )(target, key, index);
  documented(target, key, { name, type: 'integer' });
};

/** The OpenAPI document shows the parameter's format, and that a value out of it is a 400. */
function documented(target: object, key: string | symbol | undefined, schema: { name: string; format?: string; type?: 'integer' }): void {
  if (key === undefined) return;
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor) ApiParam({ name: schema.name, type: schema.type ?? 'string', format: schema.format, required: true })(target, key, descriptor);
}
