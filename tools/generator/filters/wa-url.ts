import { defineFilter } from "./define-filter.ts";

/**
 * A WhatsApp number as a wa.me chat link: international digits without the plus, a local
 * "08…" number read as Indonesian (+62).
 */
export function waUrl(phone: string): string {
  const digits = String(phone).replace(/[^0-9]/g, "");
  return `https://wa.me/${digits.startsWith("0") ? `62${digits.slice(1)}` : digits}`;
}

export default defineFilter(() => waUrl, {
  example: { template: '{{ "0811-5400-123" | waUrl }}', output: "https://wa.me/628115400123" },
});
