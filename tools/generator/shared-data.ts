/**
 * A frozen copy of data every page of a run sees (Eleventy's global data). Eleventy builds each
 * page's data by merging the global data into a new object, and copies every plain object it
 * meets on the way, key by key (eleventy-utils' Merge), unless the object is frozen: then the
 * page shares it. The theme's words alone are 192 keys, so a run of 11,000 pages made two
 * million copies (docs/benchmarks.md, "Data every page shares"). A copy is frozen, not the
 * caller's object, which the rest of the build may still hold and change.
 */
export function sharedData<T>(value: T): T {
  return deepFreeze(structuredClone(value));
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}
