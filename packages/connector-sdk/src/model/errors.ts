/** A model object broke one of Baton's limits; `field` names the offending field. */
export class ModelError extends Error {
  override readonly name = 'ModelError';

  constructor(
    /** Dotted path of the field that broke the limit, e.g. `resource.id.resource`. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
