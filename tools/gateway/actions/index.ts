import type { GatewayAction } from "./action.ts";
import { deleteFile, deleteFiles } from "./delete-files.ts";
import { deleteUnpublishedEntry } from "./delete-unpublished-entry.ts";
import { entriesByFolder } from "./entries-by-folder.ts";
import { entriesByFiles, getEntry } from "./get-entry.ts";
import { getDeployPreview } from "./get-deploy-preview.ts";
import { getMedia, getMediaFile } from "./get-media.ts";
import { info } from "./info.ts";
import { persistEntry } from "./persist-entry.ts";
import { persistMedia } from "./persist-media.ts";
import { publishUnpublishedEntry } from "./publish-unpublished-entry.ts";
import { unpublishedEntries } from "./unpublished-entries.ts";
import { unpublishedEntry } from "./unpublished-entry.ts";
import { unpublishedEntryDataFile, unpublishedEntryMediaFile } from "./unpublished-entry-file.ts";
import { updateUnpublishedEntryStatus } from "./update-unpublished-entry-status.ts";

/**
 * Every action of Decap's proxy backend (decap-cms-backend-proxy) the gateway answers, and nothing
 * else: who may ask (`role`, see ActionRole), which of the unit's paths it may touch, its
 * handler, one file each, and what it does to the draft's preview. To add an action, add its file
 * and its line here.
 */
export const gatewayActions: readonly GatewayAction[] = [
  { action: "info", role: "editor", paths: "none", handle: info },
  { action: "entriesByFolder", role: "editor", paths: "read", handle: entriesByFolder },
  { action: "entriesByFiles", role: "editor", paths: "read", handle: entriesByFiles },
  { action: "getEntry", role: "editor", paths: "read", handle: getEntry },
  { action: "unpublishedEntries", role: "editor", paths: "none", handle: unpublishedEntries },
  { action: "unpublishedEntry", role: "editor", paths: "none", handle: unpublishedEntry },
  { action: "unpublishedEntryDataFile", role: "editor", paths: "read", handle: unpublishedEntryDataFile },
  { action: "unpublishedEntryMediaFile", role: "editor", paths: "read", handle: unpublishedEntryMediaFile },
  {
    action: "deleteUnpublishedEntry",
    role: "verifikator-once-submitted",
    paths: "none",
    handle: deleteUnpublishedEntry,
    preview: "remove",
  },
  {
    action: "updateUnpublishedEntryStatus",
    role: "verifikator-marks-ready",
    paths: "none",
    handle: updateUnpublishedEntryStatus,
  },
  {
    action: "publishUnpublishedEntry",
    role: "verifikator",
    paths: "none",
    handle: publishUnpublishedEntry,
    preview: "remove",
  },
  { action: "persistEntry", role: "verifikator-to-main", paths: "write", handle: persistEntry, preview: "render" },
  { action: "persistMedia", role: "verifikator", paths: "write", handle: persistMedia },
  { action: "deleteFile", role: "verifikator", paths: "write", handle: deleteFile },
  { action: "deleteFiles", role: "verifikator", paths: "write", handle: deleteFiles },
  { action: "getMedia", role: "editor", paths: "read", handle: getMedia },
  { action: "getMediaFile", role: "editor", paths: "read", handle: getMediaFile },
  { action: "getDeployPreview", role: "editor", paths: "none", handle: getDeployPreview },
];
