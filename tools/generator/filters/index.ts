import accentCss from "./accent-css.ts";
import archiveOf from "./archive-of.ts";
import angka from "./angka.ts";
import assetUrl from "./asset-url.ts";
import catalogueUrl from "./catalogue-url.ts";
import cmsConfigJson from "./cms-config-json.ts";
import cmsRulesJson from "./cms-rules-json.ts";
import contentTypeOf from "./content-type-of.ts";
import coverImage from "./cover-image.ts";
import current from "./current.ts";
import feedHtml from "./feed-html.ts";
import fileSize from "./file-size.ts";
import head from "./head.ts";
import hubJsonFeed from "./hub-json-feed.ts";
import hubListUrl from "./hub-list-url.ts";
import iconImage from "./icon-image.ts";
import isoWaktu from "./iso-waktu.ts";
import itemUrl from "./item-url.ts";
import jsonFeed from "./json-feed.ts";
import listUrl from "./list-url.ts";
import manifestJson from "./manifest-json.ts";
import monthChart from "./month-chart.ts";
import ofSite from "./of-site.ts";
import ownTitle from "./own-title.ts";
import pukul from "./pukul.ts";
import regencyShareImage from "./regency-share-image.ts";
import rupiah from "./rupiah.ts";
import serviceWords from "./service-words.ts";
import shareImage from "./share-image.ts";
import siteOf from "./site-of.ts";
import structuredData from "./structured-data.ts";
import tanggalIso from "./tanggal-iso.ts";
import tanggalLengkap from "./tanggal-lengkap.ts";
import tanggal from "./tanggal.ts";
import telUrl from "./tel-url.ts";
import titleOf from "./title-of.ts";
import typeLabel from "./type-label.ts";
import ukuranBerkas from "./ukuran-berkas.ts";
import unitUrl from "./unit-url.ts";
import upcoming from "./upcoming.ts";
import waUrl from "./wa-url.ts";
import urlsOf from "./urls-of.ts";
import where from "./where.ts";
import type { FilterDefinition } from "./define-filter.ts";

/**
 * Every template filter, one per file named after it (`tanggalLengkap` is tanggal-lengkap.ts):
 * to add a filter, add its file and its line here. The plugin registers them in a loop.
 */
export const filters: readonly FilterDefinition[] = [
  accentCss,
  angka,
  archiveOf,
  assetUrl,
  catalogueUrl,
  cmsConfigJson,
  cmsRulesJson,
  contentTypeOf,
  coverImage,
  current,
  feedHtml,
  fileSize,
  head,
  hubJsonFeed,
  hubListUrl,
  iconImage,
  isoWaktu,
  itemUrl,
  jsonFeed,
  listUrl,
  manifestJson,
  monthChart,
  ofSite,
  ownTitle,
  pukul,
  regencyShareImage,
  rupiah,
  serviceWords,
  shareImage,
  siteOf,
  structuredData,
  tanggalIso,
  tanggalLengkap,
  tanggal,
  telUrl,
  titleOf,
  typeLabel,
  ukuranBerkas,
  unitUrl,
  upcoming,
  urlsOf,
  waUrl,
  where,
];
