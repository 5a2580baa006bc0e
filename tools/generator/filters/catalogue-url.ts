import { catalogueUrl } from "../../published/hub-addresses.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The hub's service catalogue, or one topic's page of it.
 */
export default defineFilter(() => (topic: string | undefined) => catalogueUrl(topic || undefined), {
  example: { template: '{{ "kesehatan" | catalogueUrl }}', output: "/layanan/kesehatan/" },
});
