import type { INestApplication } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { IS_PUBLIC } from '../auth/public.decorator.js';
import { ErrorBodyDto } from './error-body.dto.js';

/** The user's access token; every route needs it unless marked @Public(). */
export const USER_BEARER = 'bearer';
/** A loudspeaker station's or a board's own token, sent as `Authorization: Bearer`. */
export const DEVICE_BEARER = 'deviceBearer';
/** A loudspeaker station's token in the `X-Device-Token` header (for players that cannot set Authorization). */
export const DEVICE_TOKEN_HEADER = 'deviceTokenHeader';

type PathItem = OpenAPIObject['paths'][string];
type Operation = NonNullable<PathItem['get']>;
type SecurityRequirementObject = NonNullable<Operation['security']>[number];

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/**
 * The OpenAPI document of the API, the same for the served /api/docs and for the generated console
 * client: paths and schemas in a stable order so that regenerating it gives the same bytes.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('tincoso API')
    .setDescription(
      'Tin cơ sở: soạn, duyệt và phát tin cải cách hành chính trên mọi kênh thông tin cơ sở (Quyết định 1216/QĐ-BTTTT).',
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'The server this document is served from (paths are absolute from its root)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from POST /api/v1/auth/login' }, USER_BEARER)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: "A station's or board's device token (shown once at creation and rotation)" }, DEVICE_BEARER)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Device-Token', description: "A station's device token" }, DEVICE_TOKEN_HEADER)
    .addSecurityRequirements(USER_BEARER)
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorBodyDto] });
  const publicOperations = publicOperationIds(app);
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) completeOperation(operation, publicOperations.has(operation.operationId ?? ''));
    }
  }
  return sorted(unwrapLoneReferences(document));
}

/**
 * Answers that come from the global guard, validation pipe and exception filter rather than from
 * the route: they are documented here, where those are installed, instead of on every route.
 */
function completeOperation(operation: Operation, isPublic: boolean): void {
  if (isPublic) operation.security = publicSecurity(operation.security ?? []);
  const { responses } = operation;
  if (!isPublic && !responses['401']) {
    responses['401'] = { description: 'Missing, expired or revoked access token' };
  }
  const validated = operation.requestBody || operation.parameters?.some(isValidatedParameter);
  if (validated && !responses['400']) {
    responses['400'] = { description: 'A field or parameter breaks a rule; details name the field and the rule' };
  }
  // The exception filter answers every error as JSON, whatever the route produces when it succeeds;
  // only a citizen's page (the public message page) answers its own HTML page, and says so.
  for (const [status, response] of Object.entries(responses)) {
    if (response && Number(status.replace(/X/g, '0')) >= 400 && !('$ref' in response) && !response.content?.['text/html']) {
      response.content = { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodyDto) } } };
    }
  }
}

/** Query DTOs are validated strictly; a path parameter with a format (UuidParam, IntParam) is parsed. */
function isValidatedParameter(parameter: NonNullable<Operation['parameters']>[number]): boolean {
  if (!('in' in parameter)) return false;
  const schema = parameter.schema && !('$ref' in parameter.schema) ? parameter.schema : {};
  return parameter.in === 'query' || (parameter.in === 'path' && (schema.format !== undefined || schema.type === 'integer'));
}

/**
 * A public route needs no user token: it declares nothing, or its own device scheme, or reads a user
 * token when one is sent (logout), which makes the user token optional (`{}` = anonymous allowed).
 */
function publicSecurity(declared: SecurityRequirementObject[]): SecurityRequirementObject[] {
  const named = declared.filter((requirement) => Object.keys(requirement).length > 0);
  return named.some((requirement) => USER_BEARER in requirement) ? [{}, ...named] : named;
}

/** operationIds (`Controller_method`, Nest's default) of routes the bearer guard lets through. */
function publicOperationIds(app: INestApplication): Set<string> {
  const ids = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const classIsPublic = Reflect.getMetadata(IS_PUBLIC, metatype) === true;
      for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
        const handler = Object.getOwnPropertyDescriptor(metatype.prototype, name)?.value;
        if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        if (classIsPublic || Reflect.getMetadata(IS_PUBLIC, handler) === true) ids.add(`${metatype.name}_${name}`);
      }
    }
  }
  return ids;
}

/**
 * @nestjs/swagger wraps every enumName property in a one-item allOf, which OpenAPI 3.0 needs only when
 * the $ref has siblings (description, nullable); a bare one is replaced by the $ref itself.
 */
function unwrapLoneReferences<T>(node: T): T {
  if (Array.isArray(node)) return node.map(unwrapLoneReferences) as T;
  if (node === null || typeof node !== 'object') return node;
  const { allOf, ...rest } = node as { allOf?: unknown[] };
  if (allOf?.length === 1 && Object.keys(rest).length === 0) return unwrapLoneReferences(allOf[0]) as T;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, unwrapLoneReferences(value)])) as T;
}

function sorted(document: OpenAPIObject): OpenAPIObject {
  const byKey = <T>(record: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    ...document,
    paths: byKey(document.paths),
    components: { ...document.components, schemas: byKey(document.components?.schemas ?? {}) },
  };
}
