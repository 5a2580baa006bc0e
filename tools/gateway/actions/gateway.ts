import type { PortalConfig } from "../../core/records.ts";
import type { Grants } from "../access.ts";
import type { DraftPreviews } from "../draft-previews.ts";
import type { GitWriter } from "../git-writer.ts";
import type { RepoView } from "../repo-view.ts";
import type { Editor } from "../session.ts";

/** What every request of one gateway shares. */
export interface Gateway {
  portal: PortalConfig;
  /** Every unit folder of the registry. */
  units: ReadonlySet<string>;
  writer: GitWriter;
  view: RepoView;
  /** The branch the sites are built from. */
  main: string;
  /** Local mode: a failed write tells the editor Git's own reason (they are the developer). */
  explain?: boolean;
  /**
   * Minutes from a publication to the page on the site: portal.json's `cms.live_minutes` unless
   * set here (`npm start` rebuilds within seconds of a publication).
   */
  liveWithinMinutes?: number;
  /** Drafts' previews, when the gateway renders them (`portal gateway`, `npm start`). */
  previews?: DraftPreviews;
}

/** Who asks, on which site's `/admin/`, with what their groups give them there. */
export interface Scope {
  editor: Editor;
  /** The unit whose origin the request came to. */
  site: string;
  grants: Grants;
}

export interface Reply {
  status: number;
  body: unknown;
}

export type Params = Record<string, unknown>;
