// Minimal typings for untyped build-time packages used by the site.
declare module "@11ty/eleventy-fetch" {
  interface FetchOptions {
    duration?: string;
    type?: "json" | "text" | "buffer";
    directory?: string;
    verbose?: boolean;
  }
  export default function EleventyFetch(url: string, options?: FetchOptions): Promise<unknown>;
}

declare module "@11ty/eleventy" {
  interface EleventyOptions {
    configPath?: string;
    quietMode?: boolean;
    pathPrefix?: string;
    config?: (eleventyConfig: unknown) => void;
  }
  export default class Eleventy {
    constructor(input: string, output: string, options?: EleventyOptions);
    write(): Promise<unknown>;
  }
}
