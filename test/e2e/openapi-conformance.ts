/** Just enough of OpenAPI 3.0 schemas to check real answers against what the document promises. */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
}

export interface SchemaDocument {
  components: { schemas: Record<string, Schema> };
}

/**
 * The ways `value` breaks `schema`, each naming the JSON path: a missing required field, a wrong type,
 * a value outside the enum, and a field the schema does not declare (the console's types would lack it).
 */
export function nonConformities(document: SchemaDocument, schema: Schema, value: unknown, path = '$'): string[] {
  if (schema.$ref) return nonConformities(document, resolve(document, schema.$ref), value, path);
  if (schema.allOf) {
    const [only, ...rest] = schema.allOf;
    if (rest.length === 0 && only) return value === null && schema.nullable ? [] : nonConformities(document, only, value, path);
    return schema.allOf.flatMap((part) => nonConformities(document, part, value, path));
  }
  const options = schema.oneOf ?? schema.anyOf;
  if (options) {
    const fits = options.some((option) => nonConformities(document, option, value, path).length === 0);
    return fits ? [] : [`${path}: fits none of the alternatives`];
  }
  if (value === null) return schema.nullable ? [] : [`${path}: null but not nullable`];
  if (schema.enum && !schema.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  switch (schema.type) {
    case 'string':
      return typeof value === 'string' ? [] : [`${path}: expected a string, got ${JSON.stringify(value)}`];
    case 'number':
      return typeof value === 'number' ? [] : [`${path}: expected a number, got ${JSON.stringify(value)}`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${path}: expected an integer, got ${JSON.stringify(value)}`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: expected a boolean, got ${JSON.stringify(value)}`];
    case 'array':
      if (!Array.isArray(value)) return [`${path}: expected an array`];
      return value.flatMap((item, i) => nonConformities(document, schema.items ?? {}, item, `${path}[${i}]`));
    default:
      return schema.type === 'object' || schema.properties ? objectNonConformities(document, schema, value, path) : [];
  }
}

function objectNonConformities(document: SchemaDocument, schema: Schema, value: unknown, path: string): string[] {
  if (typeof value !== 'object' || Array.isArray(value) || value === null) return [`${path}: expected an object`];
  const record = value as Record<string, unknown>;
  const properties = schema.properties ?? {};
  const problems = (schema.required ?? []).filter((key) => !(key in record)).map((key) => `${path}.${key}: required but absent`);
  for (const [key, item] of Object.entries(record)) {
    if (properties[key]) problems.push(...nonConformities(document, properties[key], item, `${path}.${key}`));
    else if (typeof schema.additionalProperties === 'object') problems.push(...nonConformities(document, schema.additionalProperties, item, `${path}.${key}`));
    else if (!schema.additionalProperties && schema.properties) problems.push(`${path}.${key}: not in the schema`);
  }
  return problems;
}

function resolve(document: SchemaDocument, ref: string): Schema {
  const name = ref.replace('#/components/schemas/', '');
  const schema = document.components.schemas[name];
  if (!schema) throw new Error(`unknown schema ${ref}`);
  return schema;
}
