/**
 * Every template filter, by the name templates call it: one file each, named after it
 * (`tanggalLengkap` is tanggal-lengkap.ts), with an example the tests render. The plugin registers
 * them in a loop; to add a filter, add its file and its line here.
 */
export { default as accentCss } from "./accent-css.ts";
export { default as angka } from "./angka.ts";
export { default as archiveOf } from "./archive-of.ts";
export { default as assetUrl } from "./asset-url.ts";
export { default as catalogueUrl } from "./catalogue-url.ts";
export { default as cmsConfigJson } from "./cms-config-json.ts";
export { default as cmsRulesJson } from "./cms-rules-json.ts";
export { default as contentTypeOf } from "./content-type-of.ts";
export { default as coverImage } from "./cover-image.ts";
export { default as current } from "./current.ts";
export { default as feedHtml } from "./feed-html.ts";
export { default as fileSize } from "./file-size.ts";
export { default as head } from "./head.ts";
export { default as hubJsonFeed } from "./hub-json-feed.ts";
export { default as hubListUrl } from "./hub-list-url.ts";
export { default as iconImage } from "./icon-image.ts";
export { default as isoWaktu } from "./iso-waktu.ts";
export { default as itemUrl } from "./item-url.ts";
export { default as jsonFeed } from "./json-feed.ts";
export { default as listUrl } from "./list-url.ts";
export { default as manifestJson } from "./manifest-json.ts";
export { default as monthChart } from "./month-chart.ts";
export { default as ofSite } from "./of-site.ts";
export { default as ownTitle } from "./own-title.ts";
export { default as pukul } from "./pukul.ts";
export { default as regencyEmblem } from "./regency-emblem.ts";
export { default as regencyShareImage } from "./regency-share-image.ts";
export { default as rupiah } from "./rupiah.ts";
export { default as serviceWords } from "./service-words.ts";
export { default as shareImage } from "./share-image.ts";
export { default as siteOf } from "./site-of.ts";
export { default as sourceVersion } from "./source-version.ts";
export { default as structuredData } from "./structured-data.ts";
export { default as tanggal } from "./tanggal.ts";
export { default as tanggalIso } from "./tanggal-iso.ts";
export { default as tanggalLengkap } from "./tanggal-lengkap.ts";
export { default as telUrl } from "./tel-url.ts";
export { default as titleOf } from "./title-of.ts";
export { default as typeLabel } from "./type-label.ts";
export { default as ukuranBerkas } from "./ukuran-berkas.ts";
export { default as unitUrl } from "./unit-url.ts";
export { default as upcoming } from "./upcoming.ts";
export { default as urlsOf } from "./urls-of.ts";
export { default as waUrl } from "./wa-url.ts";
export { default as where } from "./where.ts";
