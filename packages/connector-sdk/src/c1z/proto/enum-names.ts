/**
 * Maps a protobuf enum number back to the name this SDK uses. Numbers this SDK does not know
 * (added upstream later) decode as `UNSPECIFIED`.
 */
export function enumName<Name extends string>(numbers: Readonly<Record<Name, number>>, value: number): Name {
  for (const [name, number] of Object.entries(numbers) as [Name, number][]) {
    if (number === value) return name;
  }
  return 'UNSPECIFIED' as Name;
}
