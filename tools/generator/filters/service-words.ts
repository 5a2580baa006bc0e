import { serviceWords } from "../service-words.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * A service's aliases and the regency's synonyms of its name (service-words.ts).
 */
export default defineFilter(
  (run) => (title: string, aliases: unknown) =>
    serviceWords(
      String(title),
      Array.isArray(aliases) ? aliases.map(String) : [],
      run.options.catalogue?.synonyms ?? [],
    ),
  {
    example: {
      template: '{{ "Penerbitan KTP Elektronik" | serviceWords(["e-KTP", "KTP-el"]) | join(", ") }}',
      output: "e-KTP, KTP-el",
    },
  },
);
