/** A JSON value, as carried by resource profiles and grant metadata (protobuf `Struct`). */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** A JSON object, as carried by resource profiles and grant metadata (protobuf `Struct`). */
export interface JsonObject {
  [key: string]: JsonValue;
}
