// Eleventy and its plugins ship JavaScript without type declarations; these cover what we call.
declare module "@11ty/eleventy" {
  export class Eleventy {
    constructor(
      input?: string,
      output?: string,
      options?: {
        inputDir?: string;
        quietMode?: boolean;
        configPath?: string;
        config?: (config: never) => void;
        runMode?: string;
      },
      eleventyConfig?: unknown,
    );
    write(): Promise<unknown>;
    toJSON(): Promise<{ url: string; inputPath: string; outputPath: string; content: string }[]>;
    setIncrementalFile(path: string): void;
    disableLogger(): void;
  }
}

declare module "@11ty/eleventy-img" {
  interface ImageFormatMetadata {
    url: string;
    filename: string;
    outputPath: string;
    width: number;
    height: number;
    sourceType: string;
    srcset: string;
  }
  function Image(
    src: string,
    options?: Record<string, unknown>,
  ): Promise<Record<string, ImageFormatMetadata[] | undefined>>;
  export default Image;
  export function eleventyImageTransformPlugin(eleventyConfig: unknown, options?: Record<string, unknown>): void;
}

declare module "@11ty/eleventy-plugin-rss" {
  export function convertHtmlToAbsoluteUrls(
    html: string,
    base: string,
    options?: Record<string, unknown>,
  ): Promise<string>;
}

declare module "@11ty/posthtml-urls" {
  /** A posthtml plugin calling `eachURL` for every URL attribute (href, src, srcset, action...). */
  export default function urls(options: {
    eachURL: (url: string, attr: string, element: string) => string | Promise<string>;
  }): (tree: unknown) => Promise<unknown>;
}
