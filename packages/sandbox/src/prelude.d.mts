export declare const PRELUDE: string;
export declare const FREEZE_INTRINSICS: string;
export declare const SETTLE_SCRIPT: string;
export declare const BEGIN_SCRIPT: string;
export declare const RUN_FUNCTION: string;
export declare function agentScript(code: string): string;
export declare const TAKE_LOGS_SCRIPT: string;
