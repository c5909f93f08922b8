import type { ConfigField, ConfigSchema, IntegerField } from './fields.js';
import { fieldEnvName, isValidFlagName } from './names.js';

/**
 * Combines two schemas (usually `SDK_CONFIG` and a connector's). A field declared in both is
 * allowed only when both declarations have the same type (a connector may re-declare
 * `provisioning`); the second declaration then refines the first. Throws on a field declared
 * twice with different types, an invalid flag name, a short alias or env var used twice, or a
 * relationship naming an undeclared field.
 */
export function mergeSchemas<A extends Record<string, ConfigField>, B extends Record<string, ConfigField>>(
  a: ConfigSchema<A>,
  b: ConfigSchema<B>,
): ConfigSchema<A & B> {
  const fields: Record<string, ConfigField> = { ...a.fields };
  for (const [name, field] of Object.entries(b.fields)) {
    const earlier = fields[name];
    if (earlier && earlier.type !== field.type) {
      throw new Error(`config field "${name}" is declared twice, as ${earlier.type} and as ${field.type}`);
    }
    fields[name] = earlier ? ({ ...earlier, ...field } as ConfigField) : field;
  }
  const merged: ConfigSchema = {
    fields,
    requiredTogether: [...(a.requiredTogether ?? []), ...(b.requiredTogether ?? [])],
    mutuallyExclusive: [...(a.mutuallyExclusive ?? []), ...(b.mutuallyExclusive ?? [])],
  };
  assertConsistent(merged);
  return merged as ConfigSchema<A & B>;
}

function assertConsistent(schema: ConfigSchema): void {
  const shorts = new Map<string, string>();
  const envs = new Map<string, string>();
  for (const [name, field] of Object.entries(schema.fields)) {
    if (!isValidFlagName(name)) throw new Error(`config field "${name}" is not a valid flag name (lower-case-words)`);
    if (field.short !== undefined) {
      if (!/^[a-zA-Z]$/.test(field.short)) throw new Error(`config field "${name}" has an invalid short alias "${field.short}"`);
      const other = shorts.get(field.short);
      if (other) throw new Error(`config fields "${other}" and "${name}" both use the short alias -${field.short}`);
      shorts.set(field.short, name);
    }
    if (field.type === 'integer') assertRange(name, field);
    const env = fieldEnvName(name, field);
    if (env !== undefined) {
      const other = envs.get(env);
      if (other) throw new Error(`config fields "${other}" and "${name}" both read ${env}`);
      envs.set(env, name);
    }
  }
  const groups = [...(schema.requiredTogether ?? []), ...(schema.mutuallyExclusive ?? []).map((group) => group.flat())];
  for (const name of groups.flat()) {
    if (!schema.fields[name]) throw new Error(`a config relationship names "${name}", which is not declared`);
  }
}

/** An integer field needs a range of safe integers holding its default (the type asks for one; JS callers may not). */
function assertRange(name: string, field: IntegerField): void {
  const { min, max } = field;
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
    throw new Error(`config field "${name}" is an integer and needs a range: integer min and max with min <= max`);
  }
  if (field.default !== undefined && (field.default < min || field.default > max)) {
    throw new Error(`config field "${name}" has a default of ${field.default}, outside its range ${min}..${max}`);
  }
}
