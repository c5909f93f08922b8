import type { ConfigField, ConfigSchema } from './fields.js';
import { fieldEnvName } from './names.js';

/** A JSON Schema document (draft 2020-12). */
export type JsonSchemaDocument = Record<string, unknown>;

/**
 * Describes a config schema as JSON Schema (draft 2020-12), for the `config` command and
 * config-file editors. Properties are keyed by flag name and carry `x-env` (the env var),
 * `x-secret`/`writeOnly` for secrets (whose defaults are never included) and `x-hidden`.
 * Required-together groups become `dependentRequired`; mutually exclusive groups are listed
 * under `x-mutually-exclusive` and enforced with `not`/`required` pairs. Flag-only switches
 * (`--help`, `--config`) are left out.
 */
export function configJsonSchema(schema: ConfigSchema, options: { title?: string } = {}): JsonSchemaDocument {
  const properties: Record<string, JsonSchemaDocument> = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries(schema.fields)) {
    if (field.flagOnly) continue;
    properties[name] = fieldSchema(name, field);
    if (field.required) required.push(name);
  }

  const dependentRequired: Record<string, string[]> = {};
  for (const group of schema.requiredTogether ?? []) {
    for (const name of group) {
      const others = group.filter((other) => other !== name);
      dependentRequired[name] = [...new Set([...(dependentRequired[name] ?? []), ...others])];
    }
  }

  const exclusions: JsonSchemaDocument[] = [];
  const exclusiveGroups = (schema.mutuallyExclusive ?? []).map((group) =>
    group.map((member) => (typeof member === 'string' ? [member] : [...member])),
  );
  for (const group of exclusiveGroups) {
    group.forEach((member, index) => {
      for (const other of group.slice(index + 1)) {
        for (const left of member) {
          for (const right of other) exclusions.push({ not: { required: [left, right] } });
        }
      }
    });
  }

  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...(options.title === undefined ? {} : { title: options.title }),
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
    ...(Object.keys(dependentRequired).length > 0 ? { dependentRequired } : {}),
    ...(exclusiveGroups.length > 0 ? { 'x-mutually-exclusive': exclusiveGroups } : {}),
    ...(exclusions.length > 0 ? { allOf: exclusions } : {}),
  };
}

function fieldSchema(name: string, field: ConfigField): JsonSchemaDocument {
  const property: JsonSchemaDocument = { description: field.description };
  switch (field.type) {
    case 'string':
      property.type = 'string';
      if (field.choices) property.enum = [...field.choices];
      break;
    case 'boolean':
      property.type = 'boolean';
      break;
    case 'integer':
      property.type = 'integer';
      property.minimum = field.min;
      property.maximum = field.max;
      break;
    case 'string-list':
      property.type = 'array';
      property.items = { type: 'string' };
      break;
  }
  if (field.default !== undefined && !field.secret) {
    property.default = Array.isArray(field.default) ? [...(field.default as readonly string[])] : field.default;
  }
  const env = fieldEnvName(name, field);
  if (env !== undefined) property['x-env'] = env;
  if (field.short) property['x-short'] = field.short;
  if (field.secret) {
    property['x-secret'] = true;
    property.writeOnly = true;
  }
  if (field.hidden) property['x-hidden'] = true;
  return property;
}
