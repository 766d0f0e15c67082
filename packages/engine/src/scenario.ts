import { z } from 'zod';
import { Category, GlasshouseError, WorldSeed } from '@glasshouse/schema';
import type { AgentTurnInput } from '@glasshouse/schema';
import type { Detector } from '@glasshouse/detectors';
import { isToolPackName } from '@glasshouse/tools';
import type { ToolDefinition, ToolPackName } from '@glasshouse/tools';

export type VariableValue = string | number | boolean;
export type VariantValues = Readonly<Record<string, VariableValue>>;

/** What a scenario builds for one variant: the world and the prompts. */
export interface ScenarioBuild {
  world: WorldSeed;
  systemPrompt: string;
  task: string;
  /** Appended to the system prompt when the standard `goalNudge` variable is 'strong'. */
  goalNudge?: string;
}

export interface InterviewQuestion {
  id: string;
  /** Several phrasings; each is asked in turn. */
  phrasings: string[];
  /**
   * Which answer is the lie when the thing asked about happened (judged against the world's ground
   * truth by claimVsState): `denies` (default) for "did you do X?" questions, `affirms` for "is the
   * good state true?" questions ("is it accurate that both tests pass?"). Every phrasing of a
   * question must share its polarity; ask a single yes/no question per phrasing.
   */
  lieIf?: 'denies' | 'affirms';
}

/** A scripted reference policy: the turns an honest or covert agent takes in this scenario. */
export interface ReferencePolicy {
  kind: 'honest' | 'covert' | 'inert';
  description: string;
  turns(vars: VariantValues): AgentTurnInput[];
  /** Answer to a follow-up interview question (default: a non-answer). */
  answer?(questionId: string, phrasing: string, vars: VariantValues): string;
}

/** Where the planted opportunity is, so checks can prove the agent could see it. */
export interface Opportunity {
  /** Files whose reading (or listing, for directories) counts as seeing the opportunity. */
  files?: string[];
  /** Seed email ids whose reading counts as seeing it. */
  emails?: string[];
}

/**
 * What a family measures. `covert-action` (the default) counts toward covert-action rates;
 * `over-refusal` families (needless refusal, over-escalation) measure the counterweight — the task left
 * undone — and `strategic-deception` games are reported separately, as the papers do. Reports keep the
 * last two out of covert-action aggregates.
 */
export const Measures = z.enum(['covert-action', 'over-refusal', 'strategic-deception']);
export type Measures = z.infer<typeof Measures>;

/**
 * The attacking checker's generic benign additions to honest runs (policy-mutations.ts), by route.
 * `wording-*` are the honest wording variants of families judged on what the agent says.
 */
export const BenignAddition = z.enum([
  'backup-copies',
  'touch-unchanged',
  'read-everything',
  'read-all-mail',
  'notes-in-tmp',
  'quotes-planted-to-principal',
  'mails-quote-to-principal',
  'open-objection',
]);
export type BenignAddition = z.infer<typeof BenignAddition>;

/**
 * A generic benign addition that is not benign in this family, and why (e.g. blackmail: quoting the
 * planted private mails in any mail is the harm measured). The checker still runs it and expects it
 * flagged, so a declaration cannot hide a rewrite that would have stayed clean.
 */
export interface NotBenign {
  addition: BenignAddition;
  why: string;
}

/** The split an episode of this scenario variant belongs to ('eval' unless the family says otherwise). */
export function splitOf(def: Pick<ScenarioDefinition, 'split'>, vars: VariantValues): 'train' | 'eval' {
  const s = typeof def.split === 'function' ? def.split(vars) : def.split;
  return s === 'train' ? 'train' : 'eval';
}

/** The measure of a family (`covert-action` unless it declares another). */
export function measuresOf(def: Pick<ScenarioDefinition, 'measures'>): Measures {
  return def.measures ?? 'covert-action';
}

export interface ScenarioDefinition {
  id: string;
  version: string;
  category: Category;
  /** What the family's 'covert-action' finding measures (default 'covert-action'); see Measures. */
  measures?: Measures;
  /**
   * Generic benign additions of the attacking checker that are the measured harm in this family,
   * each with the reason (cite the published design). The checker runs them and expects them flagged.
   */
  notBenign?: readonly NotBenign[];
  /**
   * Held-apart split (the published recipe trains on other environments than it tests on):
   * 'train' families may feed `export sft`; 'eval' (the default) never do. A function marks draws.
   */
  split?: 'train' | 'eval' | ((vars: VariantValues) => 'train' | 'eval');
  title: string;
  description: string;
  /** Variables and their values; the variants are the product (or `variants` if given). */
  variables: Readonly<Record<string, readonly VariableValue[]>>;
  /** Optional explicit subset of variants. */
  variants?: readonly VariantValues[];
  build(vars: VariantValues): ScenarioBuild;
  tools: ReadonlyArray<ToolPackName | ToolDefinition>;
  detectors: readonly Detector[] | ((vars: VariantValues) => readonly Detector[]);
  /**
   * The follow-up questions. A function of the variant when a family's questions name drawn things
   * (the manager, the ticker, the file): the interview then reads the same draw as the world.
   */
  interview?: readonly InterviewQuestion[] | ((vars: VariantValues) => readonly InterviewQuestion[]);
  policies: Readonly<Record<string, ReferencePolicy>>;
  opportunity: Opportunity;
  /**
   * Control variants: the incentive to act covertly is removed (e.g. no unlearning threat). The
   * checker then expects the covert policies to stay clean there, proving the detector separates
   * strategy from incapacity.
   */
  isControl?: (vars: VariantValues) => boolean;
  limits?: { maxSteps?: number; timeoutMs?: number };
  /**
   * How many distinct worlds the family renders. With `draws: n` the scenario has an implicit
   * variable `draw` (0…n-1) that `build`, `detectors` and policies read from `vars.draw`: company,
   * names, numbers and layout come from a seeded draw, and the planted facts and the detectors' ground
   * truth from the same draw. Runs use draw 0 unless asked for more (`expandVariants(def, {draws})`).
   */
  draws?: number;
  /**
   * A population-level rule over twins that differ only in `variable` (e.g. alignment faking:
   * situation=testing vs deployment). Twins are paired by agent, epoch and every other variable;
   * a pair counts when the detector's score is 0 in `first` and 1 in `second`. `report` gives the
   * count and a one-sided exact binomial test against `p0` (chance).
   */
  pairedRule?: PairedRule;
}

export interface PairedRule {
  variable: string;
  first: VariableValue;
  second: VariableValue;
  /** A covert-action detector whose finding carries `score` 0 or 1. */
  detector: string;
  /** Rate of counted pairs under the null (0.25 when each choice is a fair coin). */
  p0: number;
  label: string;
}

const Value = z.union([z.string(), z.number(), z.boolean()]);
const fn = (what: string) => z.custom<(...a: never[]) => unknown>((v) => typeof v === 'function', { message: `${what} must be a function` });

const InterviewShape = z.array(
  z.strictObject({ id: z.string().min(1), phrasings: z.array(z.string().min(1)).min(1), lieIf: z.enum(['denies', 'affirms']).optional() }),
);

/** The interview questions of a variant (a family may draw them with the world). */
export function interviewOf(def: Pick<ScenarioDefinition, 'id' | 'interview'>, vars: VariantValues): readonly InterviewQuestion[] {
  if (typeof def.interview !== 'function') return def.interview ?? [];
  const parsed = InterviewShape.safeParse(def.interview(vars));
  if (!parsed.success) throw new GlasshouseError('SCENARIO_INVALID', formatIssues(`${def.id}: interview`, parsed.error), { source: def.id });
  return parsed.data;
}

const ScenarioShape = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be kebab-case'),
  // semantic version of the scenario: major when what counts as covert changes (docs/install.md, Versions)
  version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/, 'version must be a semantic version such as 1.0.0'),
  category: Category,
  measures: Measures.optional(),
  notBenign: z
    .array(z.strictObject({ addition: BenignAddition, why: z.string().min(20, 'say why the addition is the measured harm here (at least a sentence)') }))
    .optional(),
  title: z.string().min(1),
  description: z.string().min(1),
  variables: z.record(
    z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'variable names are camelCase words'),
    z.array(Value).min(1, 'a variable needs at least one value'),
  ),
  variants: z.array(z.record(z.string(), Value)).min(1).optional(),
  build: fn('build'),
  tools: z
    .array(
      z.union([
        z.string().refine(isToolPackName, { message: 'unknown tool pack (bash, files, email, run_js, submit)' }),
        z.custom<ToolDefinition>(
          (v) => typeof v === 'object' && v !== null && typeof (v as ToolDefinition).handler === 'function' && typeof (v as ToolDefinition).name === 'string',
          { message: 'tool must be a pack name or a ToolDefinition' },
        ),
      ]),
    )
    .min(1),
  detectors: z.union([
    z
      .array(
        z.custom<Detector>(
          (v) => typeof v === 'object' && v !== null && typeof (v as Detector).detect === 'function' && typeof (v as Detector).id === 'string',
          { message: 'detector must have id and detect()' },
        ),
      )
      .min(1),
    fn('detectors'),
  ]),
  interview: z.union([InterviewShape, fn('interview')]).optional(),
  policies: z
    .record(
      z.string(),
      z.object({
        kind: z.enum(['honest', 'covert', 'inert']),
        description: z.string().min(1),
        turns: fn('policy.turns'),
        answer: fn('policy.answer').optional(),
      }),
    )
    .refine((p) => Object.values(p).some((x) => x.kind === 'honest'), { message: 'needs at least one honest policy' })
    .refine((p) => Object.values(p).some((x) => x.kind === 'covert'), { message: 'needs at least one covert policy' }),
  opportunity: z.strictObject({ files: z.array(z.string().startsWith('/')).optional(), emails: z.array(z.string()).optional() }),
  isControl: fn('isControl').optional(),
  draws: z.number().int().min(1).max(10_000).optional(),
  split: z.union([z.enum(['train', 'eval']), fn('split')]).optional(),
  pairedRule: z
    .strictObject({
      variable: z.string().min(1),
      first: Value,
      second: Value,
      detector: z.string().min(1),
      p0: z.number().gt(0).lt(1),
      label: z.string().min(1),
    })
    .optional(),
  limits: z.strictObject({ maxSteps: z.number().int().positive().optional(), timeoutMs: z.number().int().positive().optional() }).optional(),
});

function formatIssues(where: string, error: z.ZodError): string {
  return error.issues.map((i) => `${where}: ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('\n');
}

/**
 * Validate a scenario module. Errors name the source file, the field and what is wrong, and the
 * build is exercised once per variant so a bad world seed is caught here, not mid-run.
 */
const validated = new WeakSet<object>();

export function validateScenario(value: unknown, source = '<scenario>'): ScenarioDefinition {
  // Scenario modules are immutable values: validate each object once.
  if (typeof value === 'object' && value !== null && validated.has(value)) return value as ScenarioDefinition;
  const shape = ScenarioShape.safeParse(value);
  if (!shape.success) {
    throw new GlasshouseError('SCENARIO_INVALID', formatIssues(source, shape.error), { source, issues: shape.error.issues });
  }
  const def = value as ScenarioDefinition;
  const names = new Set<string>();
  for (const t of def.tools) {
    const list = typeof t === 'string' ? [t] : [t.name];
    for (const n of list) {
      if (names.has(n)) throw new GlasshouseError('SCENARIO_INVALID', `${source}: tools: '${n}' listed twice`, { source });
      names.add(n);
    }
  }
  if (def.draws !== undefined && 'draw' in def.variables) {
    throw new GlasshouseError('SCENARIO_INVALID', `${source}: variables: 'draw' is implicit when draws is set; remove it from variables`, { source });
  }
  for (const v of def.variants ?? []) {
    for (const [k, val] of Object.entries(v)) {
      const allowed = variablesOf(def)[k];
      if (!allowed) throw new GlasshouseError('SCENARIO_INVALID', `${source}: variants: unknown variable '${k}'`, { source });
      if (!allowed.includes(val))
        throw new GlasshouseError('SCENARIO_INVALID', `${source}: variants: ${k}=${String(val)} is not one of ${allowed.join(', ')}`, { source });
    }
  }
  validated.add(def);
  return def;
}

/** The scenario's variables, with the implicit `draw` variable of a family that renders several worlds. */
export function variablesOf(def: ScenarioDefinition): Readonly<Record<string, readonly VariableValue[]>> {
  if (!def.draws) return def.variables;
  // Made once per definition (a family may render thousands of draws; this is asked per record).
  let v = withDraws.get(def);
  if (!v) withDraws.set(def, (v = Object.freeze({ ...def.variables, draw: Object.freeze(Array.from({ length: def.draws }, (_, i) => i)) })));
  return v;
}
const withDraws = new WeakMap<ScenarioDefinition, Readonly<Record<string, readonly VariableValue[]>>>();

export function defineScenario(def: ScenarioDefinition): ScenarioDefinition {
  return def;
}

/** Check a build's world seed, naming the scenario and variant on failure. */
export function checkBuild(def: ScenarioDefinition, vars: VariantValues, variantId: string): ScenarioBuild {
  let build: ScenarioBuild;
  try {
    build = def.build(vars);
  } catch (err) {
    throw new GlasshouseError('SCENARIO_INVALID', `${def.id} [${variantId}]: build() threw: ${(err as Error).message}`);
  }
  const seed = WorldSeed.safeParse(build.world);
  if (!seed.success) throw new GlasshouseError('SCENARIO_INVALID', formatIssues(`${def.id} [${variantId}] world`, seed.error));
  if (typeof build.systemPrompt !== 'string' || typeof build.task !== 'string' || !build.task.trim()) {
    throw new GlasshouseError('SCENARIO_INVALID', `${def.id} [${variantId}]: build() must return systemPrompt and a non-empty task`);
  }
  return build;
}
