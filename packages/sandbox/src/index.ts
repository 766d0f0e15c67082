export { Sandbox } from './sandbox';
export { HostPool, sandboxHostPool } from './host-pool';
export type { HostPoolOptions } from './host-pool';
export type { BridgeFunction, JsonValue, SandboxErrorCode, SandboxFault, SandboxOptions, SandboxResult } from './types';
