// The part of madge's API (it ships no types) the import-graph check uses.
declare module 'madge' {
  namespace madge {
    interface MadgeInstance {
      /** Each file (relative to the base directory) with the files it imports. */
      obj(): Record<string, string[]>;
      /** Each cycle, as the files in it. */
      circular(): string[][];
      /** The imports madge could not resolve to a file. */
      warnings(): { skipped: string[] };
    }
    interface MadgeConfig {
      fileExtensions?: string[];
      tsConfig?: string;
    }
  }
  function madge(path: string | string[], config?: madge.MadgeConfig): Promise<madge.MadgeInstance>;
  export default madge;
}
