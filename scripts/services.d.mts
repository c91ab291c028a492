/** Types of services.mjs for the TypeScript that imports it (its test). */
export declare const DEFAULT_DATA_DIR: string;
export declare function ensureServices(options?: { quiet?: boolean; databaseUrl?: string; redisUrl?: string; dataDir?: string }): Promise<void>;
export declare function stopProjectServices(dataDir?: string): void;
