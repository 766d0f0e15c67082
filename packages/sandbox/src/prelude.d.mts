export declare const PRELUDE: string;
export declare const FREEZE_INTRINSICS: string;
export declare const RUN_SCRIPT: string;
export declare const RUN_FUNCTION: string;
