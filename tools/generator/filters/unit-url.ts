import { siteUrl } from "../../published/site-origin.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The home page of a unit's site.
 * @example {{ "dinkes" | unitUrl }} → https://dinkes.paserkab.go.id/
 */
export default defineFilter("unitUrl", (run) => (slug: string) => siteUrl(run.base, run.portal, slug));
