// How a module's fields are looked into (module.ts): containers one level deep, and the refusal of a
// container that would hide a module or tensor. `isMember` is `value instanceof Module || value instanceof Tensor`,
// passed in so this file needs no import of the Module class.

type IsMember = (value: unknown) => boolean;

/** Keys and values of an array, a Map or a plain object; null for anything else (numbers, strings, class instances). */
export function containerEntries(value: unknown, isMember: IsMember): [string, unknown][] | null {
  if (Array.isArray(value)) return value.map((v, i) => [String(i), v]);
  if (value instanceof Map) {
    const entries = [...value.entries()];
    const bad = entries.find(([k, v]) => typeof k !== 'string' && typeof k !== 'number' && isMember(v));
    if (bad)
      throw new TypeError(`a Map of modules or tensors needs string keys to name its parameters, got a key of type ${typeof bad[0]}`);
    return entries.map(([k, v]) => [String(k), v]);
  }
  if (value instanceof Set) {
    if ([...value].some(isMember)) throw new TypeError('a Set has no names or order for its members; use an array instead');
    return null;
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
  ) {
    return Object.entries(value);
  }
  return null;
}

/** True when a module or tensor sits somewhere inside `value` (arrays, Maps, Sets and plain objects, any depth). */
export function holdsTrainable(value: unknown, isMember: IsMember, depth = 0): boolean {
  if (isMember(value)) return true;
  if (depth > 8) return false;
  if (value instanceof Set) return [...value].some((v) => holdsTrainable(v, isMember, depth + 1));
  let entries: [string, unknown][] | null;
  try {
    entries = containerEntries(value, isMember);
  } catch {
    return true;
  }
  return entries?.some(([, v]) => holdsTrainable(v, isMember, depth + 1)) ?? false;
}

export function unregistered(owner: string, field: string, what: string): string {
  return `${owner}: field "${field}" is ${what} holding modules or tensors, which gradlab does not look into, so optimizers and gradcheck would miss them. Keep modules and tensors directly in a field, or in an array, a Map with string keys or a plain object in a field (one level, as PyTorch's ModuleList/ModuleDict), or wrap the inner group in its own Module.`;
}
