import { defineFilter } from "./define-filter.ts";

/**
 * A phone number as written ("(0543) 21023", "+62 811-5400-123") as a `tel:` address a phone
 * dials with one tap: digits and a leading plus only (the schema's phone pattern allows spaces,
 * brackets and hyphens for reading).
 */
export function telUrl(phone: string): string {
  const digits = String(phone).replace(/[^0-9+]/g, "");
  return `tel:${digits.startsWith("+") ? `+${digits.slice(1).replace(/\+/g, "")}` : digits.replace(/\+/g, "")}`;
}

export default defineFilter(() => telUrl, {
  example: { template: '{{ "(0543) 21023" | telUrl }}', output: "tel:054321023" },
});
