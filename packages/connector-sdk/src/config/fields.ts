/**
 * Config field declarations. A field is declared once, by its flag name (`ilert-api-token`);
 * the config module derives the flag, the `BATON_*` env var, the YAML key, help text and the
 * JSON schema from it.
 */

interface FieldBase {
  /** One line of help text. */
  description: string;
  /** Must be set (by flag, env, file or default). */
  required?: boolean;
  /** Never echoed in logs, errors, help or output files. */
  secret?: boolean;
  /** Single-letter alias, e.g. `f` for `--file`. */
  short?: string;
  /** Left out of `--help` (still accepted). */
  hidden?: boolean;
  /** The env var, when it is not the usual `BATON_` + upper snake name (`BATON_CONFIG_PATH`). */
  env?: string;
  /**
   * A command-line switch rather than a setting (`--help`, `--config`): not read from the config
   * file, left out of the JSON schema, and read from the environment only when `env` names a variable.
   */
  flagOnly?: boolean;
  /** The word shown for the value in `--help` (`--file PATH`); defaults to the field's type. */
  placeholder?: string;
}

/** A string field. */
export interface StringField extends FieldBase {
  type: 'string';
  default?: string;
  /** The only values accepted. */
  choices?: readonly string[];
  /**
   * Extra check: return a problem phrased to follow the flag name (`must end in /scim/v2`), or
   * undefined when the value is fine. The message must not repeat the value if it is secret.
   */
  check?: (value: string) => string | undefined;
}

/** A boolean switch (`--provisioning`, `BATON_PROVISIONING=true`). */
export interface BooleanField extends FieldBase {
  type: 'boolean';
  default?: boolean;
}

/**
 * An integer field. Its range is required: a value outside `min`..`max` (inclusive) is a config
 * problem naming the flag, its env var and the range, so no setting can ask for a billion workers.
 */
export interface IntegerField extends FieldBase {
  type: 'integer';
  default?: number;
  /** The smallest value accepted (a safe integer). */
  min: number;
  /** The largest value accepted (a safe integer, at least `min`). */
  max: number;
}

/** A comma-separated list of strings. */
export interface StringListField extends FieldBase {
  type: 'string-list';
  default?: readonly string[];
}

/** Any config field. */
export type ConfigField = StringField | BooleanField | IntegerField | StringListField;

/**
 * A connector's (or the SDK's) config: fields by flag name, plus relationships between them.
 * Relationship groups hold flag names; {@link defineConfig} checks them against `fields`.
 */
export interface ConfigSchema<F extends Record<string, ConfigField> = Record<string, ConfigField>> {
  fields: F;
  /** Each group must be set all together or not at all. */
  requiredTogether?: ReadonlyArray<ReadonlyArray<string>>;
  /**
   * At most one member of each group may be set. A member may be a list of fields that together
   * stand for one choice (an operation spread over several flags); any of them counts as set.
   */
  mutuallyExclusive?: ReadonlyArray<ReadonlyArray<string | ReadonlyArray<string>>>;
}

type FieldValue<T extends ConfigField> = T extends StringField
  ? T['choices'] extends readonly (infer C extends string)[]
    ? C
    : string
  : T extends BooleanField
    ? boolean
    : T extends IntegerField
      ? number
      : readonly string[];

type IsPresent<T extends ConfigField> = T extends { required: true }
  ? true
  : T extends { default: unknown }
    ? true
    : T extends BooleanField
      ? true
      : false;

/** The validated values of a schema, keyed by flag name; optional where a field may be unset. */
export type ConfigValues<S extends ConfigSchema> = {
  [K in keyof S['fields'] as IsPresent<S['fields'][K]> extends true ? K : never]: FieldValue<S['fields'][K]>;
} & { [K in keyof S['fields'] as IsPresent<S['fields'][K]> extends true ? never : K]?: FieldValue<S['fields'][K]> };

/**
 * Declares a config schema, keeping the field types exact for {@link ConfigValues}; a
 * relationship naming an undeclared field does not compile.
 */
export function defineConfig<const F extends Record<string, ConfigField>>(schema: {
  fields: F;
  requiredTogether?: ReadonlyArray<ReadonlyArray<keyof F & string>>;
  mutuallyExclusive?: ReadonlyArray<ReadonlyArray<(keyof F & string) | ReadonlyArray<keyof F & string>>>;
}): ConfigSchema<F> {
  return schema;
}
