export { Sandbox } from './sandbox';
export { HOST_ENV, HostPool, sandboxHostPool, setSandboxHostPool } from './host-pool';
export type { HostPoolOptions } from './host-pool';
export type { BridgeFunction, JsonValue, SandboxErrorCode, SandboxFault, SandboxOptions, SandboxResult } from './types';
