type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Object keys in alphabetical order, at every depth; arrays keep their order. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeysDeep(value[key])]),
  );
}

/**
 * The keys named in `first` in that order, then the others alphabetically; values below
 * are sorted deeply unless `deep` is false (they are ordered already). Undefined values are dropped.
 */
export function orderKeys(value: unknown, first: readonly string[], deep = true): unknown {
  if (!isObject(value)) return deep ? sortKeysDeep(value) : value;
  const rest = Object.keys(value)
    .filter((key) => !first.includes(key))
    .sort();
  return Object.fromEntries(
    [...first.filter((key) => key in value), ...rest].filter((key) => value[key] !== undefined).map((key) => [key, deep ? sortKeysDeep(value[key]) : value[key]]),
  );
}
