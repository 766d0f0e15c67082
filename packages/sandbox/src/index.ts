export { Sandbox } from './sandbox';
export type { BridgeFunction, JsonValue, SandboxErrorCode, SandboxOptions, SandboxResult } from './types';
