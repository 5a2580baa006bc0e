import type { ActionContext } from "./action-context.ts";
import type { Reply } from "./gateway.ts";

/** What the CMS learns about the backend: one publish mode, the editorial workflow. */
export async function info({ gw }: ActionContext): Promise<Reply> {
  return {
    status: 200,
    body: { repo: gw.portal.domain, publish_modes: ["editorial_workflow"], type: "portal_gateway" },
  };
}
