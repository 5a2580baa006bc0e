import type { Reply } from "./gateway.ts";

/** No preview of drafts yet: Decap shows none. */
export async function getDeployPreview(): Promise<Reply> {
  return { status: 200, body: null };
}
