import type { ContentType } from "../schema/content-type.ts";
import { schemas } from "../schema/schemas.ts";

/** A content file as Eleventy hands it to collections and templates. */
export interface CollectionItem {
  inputPath: string;
  url: string;
  date: Date;
  // biome-ignore lint/suspicious/noExplicitAny: front matter, validated against the type's schema
  data: Record<string, any>;
  content?: string;
}

/** `sites/<slug>/content/<type>/<name>.md` → its content type, from the path alone. */
export function typeOfPath(inputPath: string): ContentType | undefined {
  const name = /[/\\]content[/\\]([^/\\]+)[/\\][^/\\]+\.md$/.exec(inputPath)?.[1];
  return name === undefined ? undefined : schemas().typeByName.get(name);
}

/** An item's title: the field its type titles items by (`x-title-field`: pejabat use `name`). */
export function titleOf(item: CollectionItem): string {
  const type = typeOfPath(item.inputPath);
  return String(item.data[type?.titleField ?? "title"] ?? item.data.title ?? "");
}
