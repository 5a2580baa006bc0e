import { serviceWords } from "../service-words.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * A service's aliases and the regency's synonyms of its name (service-words.ts).
 * @example {{ title | serviceWords(aliases) }} → ["KTP-el", "e-KTP", "ektp", ...]
 */
export default defineFilter(
  "serviceWords",
  (run) => (title: string, aliases: unknown) =>
    serviceWords(
      String(title),
      Array.isArray(aliases) ? aliases.map(String) : [],
      run.options.catalogue?.synonyms ?? [],
    ),
);
