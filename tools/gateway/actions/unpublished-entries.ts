import type { ActionContext } from "./action-context.ts";
import type { Reply } from "./gateway.ts";

/** The drafts of the site's unit (and, for DKISP on the hub, of the registry). */
export async function unpublishedEntries({ gw, scope, draftOf }: ActionContext): Promise<Reply> {
  await gw.writer.refresh();
  const keys: string[] = [];
  for (const branch of await gw.view.branches("cms")) {
    const [, collection, slug] = branch.split("/") as [string, string?, string?];
    const draft = draftOf(collection, slug);
    if (draft.ok && (draft.unit === scope.site || draft.registry)) keys.push(`${collection}/${slug}`);
  }
  return { status: 200, body: keys };
}
