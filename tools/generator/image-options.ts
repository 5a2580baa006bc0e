import { join } from "node:path";

/**
 * Every eleventy-img default we change, in one object (after eleventy-img's global-options.js).
 * Measured on this project's 2-core machines: AVIF is ~93% of image cost, so effort is lowered
 * from sharp's default 4; output goes to one cache folder kept between builds (CI persists it),
 * so a photo is encoded once in its life, not once per build. File names are content hashes, so
 * sites can share the folder; each site publishes only the files its pages use.
 */
/**
 * How a build encodes its pictures: for publishing, in AVIF, WebP and JPEG ("avif"), or WebP and
 * JPEG when portal.json's images.avif is false ("webp-jpeg"); or "quick", for `npm start` and the
 * editors' previews, whose first start encodes every photo: WebP and JPEG, with WebP at effort 2
 * (sharp's default is 4) and JPEG without mozjpeg. Over the demo's 117 photos at three widths
 * (sharp, one thread each on 2 cores): WebP 9.0 → 5.3 s (1.77 → 1.93 MB), JPEG 6.5 → 3.7 s
 * (3.85 → 4.75 MB); the pages are the same, only the files are a little bigger.
 */
export type ImageEncoding = "avif" | "webp-jpeg" | "quick";

export function imageOptions(cacheDir: string, encoding: ImageEncoding = "avif") {
  const quick = encoding === "quick";
  return {
    // Phones first: 360 covers most cheap Android screens at 1x, 720 at 2x or a tablet, 1200 desktops.
    widths: [360, 720, 1200],
    // AVIF for modern browsers (unless portal.json's images.avif is false, or in npm start), WebP
    // for older Android WebViews, JPEG as the universal fallback.
    formats: (encoding === "avif" ? ["avif", "webp", "jpeg"] : ["webp", "jpeg"]) as string[],
    outputDir: join(cacheDir, "img"),
    urlPath: "/img/",
    // Editors upload phone photos with EXIF rotation; without this they can appear sideways.
    fixOrientation: true,
    // Two cores: more parallel encodes only add memory pressure.
    concurrency: 2,
    sharpAvifOptions: { quality: 55, effort: 2 },
    sharpWebpOptions: quick ? { quality: 72, effort: 2 } : { quality: 72 },
    sharpJpegOptions: { quality: 75, mozjpeg: !quick, progressive: true },
    failOnError: true,
    // Never lazily encode images in a request handler: the output is a static folder.
    transformOnRequest: false,
    htmlOptions: {
      imgAttributes: {
        loading: "lazy",
        decoding: "async",
        // Matches the article column: full width on phones, at most 46rem (736px) on wide screens.
        sizes: "(min-width: 50rem) 46rem, 100vw",
      },
    },
  };
}

/** One JPEG for Open Graph cards and the hub's manifest: social sites do not read AVIF. */
export function shareImageOptions(cacheDir: string, encoding?: ImageEncoding) {
  // The same settings as the pages' pictures: the 1200px JPEG of an article's photo is one file.
  return { ...imageOptions(cacheDir, encoding), widths: [1200], formats: ["jpeg"], htmlOptions: undefined };
}

/**
 * One small WebP of an item's picture for the hub's cards (its home's latest news): a card is at
 * most about 300px wide, and the hub cannot run the image pipeline on another unit's files.
 */
export function thumbImageOptions(cacheDir: string, encoding?: ImageEncoding) {
  return { ...imageOptions(cacheDir, encoding), widths: [480], formats: ["webp"], htmlOptions: undefined };
}

/** A logo for lists of units (the hub's directory): 96px for 48px at 2x, PNG keeps transparency. */
export function iconImageOptions(cacheDir: string) {
  return {
    ...imageOptions(cacheDir),
    widths: [96],
    formats: ["png"],
    sharpPngOptions: { compressionLevel: 9, palette: true },
    htmlOptions: undefined,
  };
}
