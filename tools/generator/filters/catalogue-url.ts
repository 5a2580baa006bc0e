import { catalogueUrl } from "../../published/hub-addresses.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The hub's service catalogue, or one topic's page of it.
 * @example {{ "kesehatan" | catalogueUrl }} → /layanan/kesehatan/
 */
export default defineFilter("catalogueUrl", () => (topic: string | undefined) => catalogueUrl(topic || undefined));
