export declare const CLI_SOURCES: readonly string[];
export declare function compiledCliPath(root: string): string;
export declare function compiledCliState(root: string): 'missing' | 'stale' | 'fresh';
