import { z } from 'zod';
import { inspectSchemaIssues } from './inspect-schema-check';

/**
 * Inspect eval log (`.json` format, log version 2), as zod: the parts Glasshouse's export emits.
 *
 * Vendored by hand from Inspect's published JSON schema for the log viewer:
 *   repository UKGovernmentBEIS/inspect_ai, file src/inspect_ai/_view/www/log-schema.json,
 *   commit 001af7256afc6cff2efd81ffb45a46f92faf648f (root `EvalLog`, `$defs` below).
 *
 * Each object mirrors its `$defs` entry: the same keys, all of them required (the schema lists every
 * property, defaulted ones included, under `required`), no extra keys (`additionalProperties: false`).
 * Narrowed on purpose where the export only ever writes a subset — noted `narrowed` — e.g. message
 * content is a string or text/reasoning parts (no images), sample `events` is empty, `sandbox` is null.
 * The root (`EvalLog`) only requires `eval` in the schema; here `version` … `samples` are required
 * too because the export always writes them, and no other keys are allowed.
 */

const int = z.number().int();
const JsonObject = z.record(z.string(), z.unknown());
const nullableString = z.string().nullable();

/** `ModelUsage` */
export const InspectModelUsage = z.strictObject({
  input_tokens: int,
  output_tokens: int,
  total_tokens: int,
  input_tokens_cache_write: int.nullable(),
  input_tokens_cache_read: int.nullable(),
  reasoning_tokens: int.nullable(),
});

/** `ContentText` (narrowed: `citations` always null). */
export const InspectContentText = z.strictObject({
  internal: z.unknown(),
  type: z.literal('text'),
  text: z.string(),
  refusal: z.boolean().nullable(),
  citations: z.null(),
});

/** `ContentReasoning` */
export const InspectContentReasoning = z.strictObject({
  internal: z.unknown(),
  type: z.literal('reasoning'),
  reasoning: z.string(),
  summary: nullableString,
  signature: nullableString,
  redacted: z.boolean(),
});

/** Message `content` (narrowed: no image/audio/video/data/tool_use/document parts). */
const Content = z.union([z.string(), z.array(z.discriminatedUnion('type', [InspectContentText, InspectContentReasoning]))]);

/** `ToolCallContent` */
export const InspectToolCallContent = z.strictObject({ title: nullableString, format: z.enum(['text', 'markdown']), content: z.string() });

/** `ToolCall` */
export const InspectToolCall = z.strictObject({
  id: z.string(),
  function: z.string(),
  arguments: JsonObject,
  parse_error: nullableString,
  view: InspectToolCallContent.nullable(),
  type: nullableString,
});

/** `ToolCallError` */
export const InspectToolCallError = z.strictObject({
  type: z.enum(['parsing', 'timeout', 'unicode_decode', 'permission', 'file_not_found', 'is_a_directory', 'limit', 'approval', 'unknown', 'output_limit']),
  message: z.string(),
});

const messageBase = {
  id: nullableString,
  content: Content,
  source: z.enum(['input', 'generate']).nullable(),
  metadata: JsonObject.nullable(),
};

/** `ChatMessageSystem` */
export const InspectChatMessageSystem = z.strictObject({ ...messageBase, role: z.literal('system') });
/** `ChatMessageUser` */
export const InspectChatMessageUser = z.strictObject({ ...messageBase, role: z.literal('user'), tool_call_id: z.array(z.string()).nullable() });
/** `ChatMessageAssistant` */
export const InspectChatMessageAssistant = z.strictObject({
  ...messageBase,
  role: z.literal('assistant'),
  tool_calls: z.array(InspectToolCall).nullable(),
  model: nullableString,
});
/** `ChatMessageTool` */
export const InspectChatMessageTool = z.strictObject({
  ...messageBase,
  role: z.literal('tool'),
  tool_call_id: nullableString,
  function: nullableString,
  error: InspectToolCallError.nullable(),
});
export const InspectChatMessage = z.discriminatedUnion('role', [
  InspectChatMessageSystem,
  InspectChatMessageUser,
  InspectChatMessageAssistant,
  InspectChatMessageTool,
]);
export type InspectChatMessage = z.infer<typeof InspectChatMessage>;

/** `ChatCompletionChoice` (narrowed: `logprobs` null). */
export const InspectChatCompletionChoice = z.strictObject({
  message: InspectChatMessageAssistant,
  stop_reason: z.enum(['stop', 'max_tokens', 'model_length', 'tool_calls', 'content_filter', 'unknown']),
  logprobs: z.null(),
});

/** `ModelOutput` */
export const InspectModelOutput = z.strictObject({
  model: z.string(),
  choices: z.array(InspectChatCompletionChoice),
  completion: z.string(),
  usage: InspectModelUsage.nullable(),
  time: z.number().nullable(),
  metadata: JsonObject.nullable(),
  error: nullableString,
});

const ScorePrimitive = z.union([z.string(), z.number(), z.boolean()]);
/** `Score.value` */
export const InspectScoreValue = z.union([ScorePrimitive, z.array(ScorePrimitive), z.record(z.string(), ScorePrimitive.nullable())]);

/** `Score` (narrowed: `history` empty — exported scores carry no edits). */
export const InspectScore = z.strictObject({
  history: z.array(z.never()),
  value: InspectScoreValue,
  answer: nullableString,
  explanation: nullableString,
  metadata: JsonObject,
});
export type InspectScore = z.infer<typeof InspectScore>;

/** `EvalError` */
export const InspectEvalError = z.strictObject({ message: z.string(), traceback: z.string(), traceback_ansi: z.string() });

/** `EvalSampleLimit` */
export const InspectEvalSampleLimit = z.strictObject({
  type: z.enum(['context', 'time', 'working', 'message', 'token', 'operator', 'custom']),
  limit: z.number(),
});

/**
 * One transcript event (`sample_init`, `model`, `tool`, `info`, `score`, ...). Typed loosely here: the
 * exporter checks every log against Inspect's own published schema (inspect-schema-check.ts), which
 * knows each event type's fields.
 */
export const InspectEvent = z.looseObject({ event: z.string(), timestamp: z.string(), working_start: z.number() });
export type InspectEvent = z.infer<typeof InspectEvent>;

/** `EvalSample` (narrowed: `sandbox` null). */
export const InspectEvalSample = z.strictObject({
  id: z.union([int, z.string()]),
  epoch: int,
  input: z.union([z.string(), z.array(InspectChatMessage)]),
  choices: z.array(z.string()).nullable(),
  target: z.union([z.string(), z.array(z.string())]),
  sandbox: z.null(),
  files: z.array(z.string()).nullable(),
  setup: nullableString,
  messages: z.array(InspectChatMessage),
  output: InspectModelOutput,
  scores: z.record(z.string(), InspectScore).nullable(),
  metadata: JsonObject,
  store: JsonObject,
  events: z.array(InspectEvent),
  model_usage: z.record(z.string(), InspectModelUsage),
  role_usage: z.record(z.string(), InspectModelUsage),
  /** Wall-clock start and end of the episode (ISO), when known; the simulated clock is in metadata. */
  started_at: nullableString.optional(),
  completed_at: nullableString.optional(),
  total_time: z.number().nullable(),
  working_time: z.number().nullable(),
  uuid: nullableString,
  error: InspectEvalError.nullable(),
  error_retries: z.array(InspectEvalError).nullable(),
  attachments: z.record(z.string(), z.string()),
  limit: InspectEvalSampleLimit.nullable(),
});
export type InspectEvalSample = z.infer<typeof InspectEvalSample>;

/** `GenerateConfig` (narrowed: `response_schema` and `batch` null). */
export const InspectGenerateConfig = z.strictObject({
  max_retries: int.nullable(),
  timeout: int.nullable(),
  max_connections: int.nullable(),
  system_message: nullableString,
  max_tokens: int.nullable(),
  top_p: z.number().nullable(),
  temperature: z.number().nullable(),
  stop_seqs: z.array(z.string()).nullable(),
  best_of: int.nullable(),
  frequency_penalty: z.number().nullable(),
  presence_penalty: z.number().nullable(),
  logit_bias: z.record(z.string(), z.number()).nullable(),
  seed: int.nullable(),
  top_k: int.nullable(),
  num_choices: int.nullable(),
  logprobs: z.boolean().nullable(),
  top_logprobs: int.nullable(),
  parallel_tool_calls: z.boolean().nullable(),
  internal_tools: z.boolean().nullable(),
  max_tool_output: int.nullable(),
  cache_prompt: z.union([z.literal('auto'), z.boolean()]).nullable(),
  reasoning_effort: z.enum(['minimal', 'low', 'medium', 'high']).nullable(),
  reasoning_tokens: int.nullable(),
  reasoning_summary: z.enum(['concise', 'detailed', 'auto']).nullable(),
  reasoning_history: z.enum(['none', 'all', 'last', 'auto']).nullable(),
  response_schema: z.null(),
  extra_body: JsonObject.nullable(),
  batch: z.null(),
});
export type InspectGenerateConfig = z.infer<typeof InspectGenerateConfig>;

/** `EvalConfig` (narrowed: `approval` null). */
export const InspectEvalConfig = z.strictObject({
  limit: z.union([int, z.tuple([int, int])]).nullable(),
  sample_id: z.union([z.string(), int, z.array(z.union([z.string(), int]))]).nullable(),
  sample_shuffle: z.union([z.boolean(), int]).nullable(),
  epochs: int.nullable(),
  epochs_reducer: z.array(z.string()).nullable(),
  approval: z.null(),
  fail_on_error: z.union([z.boolean(), z.number()]).nullable(),
  continue_on_fail: z.boolean().nullable(),
  retry_on_error: int.nullable(),
  message_limit: int.nullable(),
  token_limit: int.nullable(),
  time_limit: int.nullable(),
  working_limit: int.nullable(),
  max_samples: int.nullable(),
  max_tasks: int.nullable(),
  max_subprocesses: int.nullable(),
  max_sandboxes: int.nullable(),
  sandbox_cleanup: z.boolean().nullable(),
  log_samples: z.boolean().nullable(),
  log_realtime: z.boolean().nullable(),
  log_images: z.boolean().nullable(),
  log_buffer: int.nullable(),
  log_shared: int.nullable(),
  score_display: z.boolean().nullable(),
});
export type InspectEvalConfig = z.infer<typeof InspectEvalConfig>;

/** `EvalDataset` */
export const InspectEvalDataset = z.strictObject({
  name: nullableString,
  location: nullableString,
  samples: int.nullable(),
  sample_ids: z.array(z.union([z.string(), int])).nullable(),
  shuffled: z.boolean().nullable(),
});

/** `EvalRevision` */
export const InspectEvalRevision = z.strictObject({ type: z.literal('git'), origin: z.string(), commit: z.string() });

/** `EvalSpec` (narrowed: `sandbox`, `model_roles`, `scorers`, `metrics` null). */
export const InspectEvalSpec = z.strictObject({
  eval_set_id: nullableString,
  eval_id: z.string(),
  run_id: z.string(),
  created: z.string(),
  task: z.string(),
  task_id: z.string(),
  task_version: z.union([int, z.string()]),
  task_file: nullableString,
  task_display_name: nullableString,
  task_registry_name: nullableString,
  task_attribs: JsonObject,
  task_args: JsonObject,
  task_args_passed: JsonObject,
  solver: nullableString,
  solver_args: JsonObject.nullable(),
  tags: z.array(z.string()).nullable(),
  dataset: InspectEvalDataset,
  sandbox: z.null(),
  model: z.string(),
  model_generate_config: InspectGenerateConfig,
  model_base_url: nullableString,
  model_args: JsonObject,
  model_roles: z.null(),
  config: InspectEvalConfig,
  revision: InspectEvalRevision.nullable(),
  packages: z.record(z.string(), z.string()),
  metadata: JsonObject.nullable(),
  scorers: z.null(),
  metrics: z.null(),
});

/** `EvalPlanStep` */
export const InspectEvalPlanStep = z.strictObject({ solver: z.string(), params: JsonObject, params_passed: JsonObject });
/** `EvalPlan` */
export const InspectEvalPlan = z.strictObject({
  name: z.string(),
  steps: z.array(InspectEvalPlanStep),
  finish: InspectEvalPlanStep.nullable(),
  config: InspectGenerateConfig,
});

/** `EvalMetric` */
export const InspectEvalMetric = z.strictObject({ name: z.string(), value: z.number(), params: JsonObject, metadata: JsonObject.nullable() });
/** `EvalScore` */
export const InspectEvalScore = z.strictObject({
  name: z.string(),
  scorer: z.string(),
  reducer: nullableString,
  scored_samples: int.nullable(),
  unscored_samples: int.nullable(),
  params: JsonObject,
  metrics: z.record(z.string(), InspectEvalMetric),
  metadata: JsonObject.nullable(),
});
/** `EvalResults` */
export const InspectEvalResults = z.strictObject({
  total_samples: int,
  completed_samples: int,
  scores: z.array(InspectEvalScore),
  metadata: JsonObject.nullable(),
});

/** `EvalStats` */
export const InspectEvalStats = z.strictObject({
  started_at: z.string(),
  completed_at: z.string(),
  model_usage: z.record(z.string(), InspectModelUsage),
  role_usage: z.record(z.string(), InspectModelUsage),
  connection_limit_history: z.array(JsonObject),
});

/** `EvalLog` (the root of a `.json` log; narrowed: `reductions` null). */
export const InspectEvalLog = z.strictObject({
  version: z.literal(2),
  status: z.enum(['started', 'success', 'cancelled', 'error']),
  eval: InspectEvalSpec,
  plan: InspectEvalPlan,
  results: InspectEvalResults.nullable(),
  stats: InspectEvalStats,
  error: InspectEvalError.nullable(),
  samples: z.array(InspectEvalSample).nullable(),
  reductions: z.null(),
  invalidated: z.boolean(),
  tags: z.array(z.string()),
  metadata: JsonObject,
  location: z.string().optional(),
  etag: nullableString.optional(),
  eval_set_info: z.null().optional(),
});
export type InspectEvalLog = z.infer<typeof InspectEvalLog>;

/**
 * Validate a parsed log against Inspect's own published schema (vendor/inspect-openapi.json, Ajv, JSON
 * Schema 2020-12); returns issues as data (`path` + `message`), empty when valid.
 */
export function validateInspectLog(value: unknown): { path: string; message: string }[] {
  return inspectSchemaIssues(value, 'EvalLog');
}
