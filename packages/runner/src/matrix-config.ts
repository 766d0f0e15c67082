import { z } from 'zod';
import type { ScenarioDefinition } from '@glasshouse/engine';

const ScenarioRef = z.union([
  z.string().min(1),
  z.custom<ScenarioDefinition>(
    (v) => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' && typeof (v as { build?: unknown }).build === 'function',
    'expected a scenario id or a scenario definition',
  ),
]);

/** A run: scenarios × variants × agents × epochs. Everything here goes into the manifest. */
export const MatrixConfig = z.strictObject({
  /** Scenario ids (already resolved from globs) or definitions; the manifest stores the ids. */
  scenarios: z.array(ScenarioRef).min(1),
  /** 'all', or variant ids / partial ids (`spec=true` matches every variant with spec=true). */
  variants: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]).default('all'),
  /** Agent specs: `scripted:<policy>` or a model spec understood by the injected agent factory. */
  agents: z.array(z.string().min(1)).min(1),
  epochs: z.number().int().min(1).default(1),
  /** Multi-world families: how many draws (the first n) or 'all'; absent means draw 0 only. */
  draws: z.union([z.literal('all'), z.number().int().min(1)]).optional(),
  seedBase: z.number().int().default(1),
  maxSteps: z.number().int().positive().optional(),
  interview: z.boolean().default(true),
  /**
   * The language judge for the whole run: an agent spec (built by the agent factory, like model
   * agents) whose model makes every language judgment (interview answers, disclosure) by the
   * written rubrics; `rules` or absent = the rule classifier. Findings carry the provenance.
   */
  judge: z.string().min(1).optional(),
  /**
   * Stop scheduling new episodes once the run (all its finished records, across resumes) has used
   * this much. Changing it does not change any episode, so a resume may raise it without --force.
   */
  budget: z.strictObject({ maxTokens: z.number().int().positive().optional(), maxCostUsd: z.number().positive().optional() }).optional(),
});
export type MatrixConfig = z.input<typeof MatrixConfig>;
export type ResolvedMatrixConfig = z.output<typeof MatrixConfig>;
