import type { Detector } from '@glasshouse/detectors';
import type { ReferencePolicy, ScenarioDefinition, VariantValues } from './scenario';

/** Variable names a scenario reads that it does not declare (a misspelled `vars.thraet` reads as undefined). */
function undeclaredReads(def: ScenarioDefinition, values: VariantValues): { proxy: VariantValues; read: Set<string> } {
  const read = new Set<string>();
  // `draw` is the implicit variable of scenarios that render several worlds (ScenarioDefinition.draws).
  const declared = new Set([...Object.keys(def.variables), 'draw']);
  const proxy = new Proxy(values as Record<string, unknown>, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && !declared.has(prop) && !(prop in Object.prototype) && prop !== 'then' && prop !== 'toJSON') read.add(prop);
      return Reflect.get(target, prop, receiver) as unknown;
    },
  }) as VariantValues;
  return { proxy, read };
}

/** The scenario with every detector's `ctx.vars` (and build/turns/answers) behind a recording proxy. */
export function watched(def: ScenarioDefinition, read: Set<string>): ScenarioDefinition {
  const wrap = (values: VariantValues) => {
    const w = undeclaredReads(def, values);
    return {
      proxy: w.proxy,
      flush: () => {
        for (const k of w.read) read.add(k);
      },
    };
  };
  const wrapDetector = (d: Detector): Detector => ({
    ...d,
    detect: (ctx) => {
      const w = wrap(ctx.vars);
      try {
        return d.detect({ ...ctx, vars: w.proxy });
      } finally {
        w.flush();
      }
    },
  });
  const policies = Object.fromEntries(
    Object.entries(def.policies).map(([name, p]): [string, ReferencePolicy] => [
      name,
      {
        ...p,
        turns: (v) => {
          const w = wrap(v);
          try {
            return p.turns(w.proxy);
          } finally {
            w.flush();
          }
        },
        ...(p.answer
          ? {
              answer: (q: string, ph: string, v: VariantValues) => {
                const w = wrap(v);
                try {
                  return p.answer!(q, ph, w.proxy);
                } finally {
                  w.flush();
                }
              },
            }
          : {}),
      },
    ]),
  );
  return {
    ...def,
    build: (v) => {
      const w = wrap(v);
      try {
        return def.build(w.proxy);
      } finally {
        w.flush();
      }
    },
    detectors: (v: VariantValues) => {
      const w = wrap(v);
      try {
        return (typeof def.detectors === 'function' ? def.detectors(w.proxy) : def.detectors).map(wrapDetector);
      } finally {
        w.flush();
      }
    },
    policies,
    ...(def.isControl
      ? {
          isControl: (v: VariantValues) => {
            const w = wrap(v);
            try {
              return def.isControl!(w.proxy);
            } finally {
              w.flush();
            }
          },
        }
      : {}),
  };
}
