/**
 * A shared empty list of the elements kind a list of `sample`'s kind has once filled.
 *
 * To V8 an empty literal `[]` is a list of small integers; a list that has had objects or
 * strings pushed onto it is of another elements kind, with another hidden class. Code that V8
 * compiled while it had met only one of the two is thrown away at the first list of the other
 * (`--trace-deopt` on the CLI's runs). A list that hot code reads and that may be empty is then
 * either built by pushing onto `[]` and only kept once it holds something, or is this list. The
 * list is shared: it must stay empty, hence its read-only type.
 */
export function emptyListOf<T>(sample: T): readonly T[] {
  const list = [sample];
  list.pop();
  return list;
}
