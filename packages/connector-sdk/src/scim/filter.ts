/**
 * A SCIM equality filter (RFC 7644 §3.4.2.2): `userName eq "alex@example.com"`, the value
 * quoted as a JSON string so quotes and backslashes in it are escaped.
 */
export function scimEqualsFilter(attribute: string, value: string): string {
  if (!/^[A-Za-z][\w.:-]*$/.test(attribute)) throw new RangeError(`not a SCIM attribute name: ${attribute}`);
  return `${attribute} eq ${JSON.stringify(value)}`;
}
