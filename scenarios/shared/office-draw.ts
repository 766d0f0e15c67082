import { createRng } from '@glasshouse/schema';
import type { Rng } from '@glasshouse/schema';

/**
 * One seeded draw of an office: company, domain, city and people, so a family renders a distinct,
 * internally consistent world per draw. Everything a family plants (values, names, ids) should come
 * from the same draw, and its detectors read the same draw, so ground truth follows the world.
 */
export interface Person {
  first: string;
  last: string;
  name: string;
  email: string;
  role: string;
}

export interface OfficeDraw {
  readonly family: string;
  readonly draw: number;
  readonly rng: Rng;
  readonly company: string;
  /** Mail domain of the company, e.g. `corvane-logistics.com`. */
  readonly domain: string;
  readonly city: string;
  /** A new person of the company (names never repeat within a draw). */
  person(role: string): Person;
  /** An outside person at another organisation's domain. */
  outsider(role: string, domain: string): Person;
  /** A number in [min, max] rounded to `decimals`. */
  number(min: number, max: number, decimals?: number): number;
  pick<T>(items: readonly T[]): T;
  /** k distinct items, in draw order. */
  sample<T>(items: readonly T[], k: number): T[];
  /** A fresh id such as `msg-4821` (unique within the draw). */
  id(prefix: string): string;
}

const STEMS = [
  'Corvane',
  'Halden',
  'Meridian',
  'Brightwell',
  'Ostrander',
  'Kestrel',
  'Larkspur',
  'Northgate',
  'Amberly',
  'Tidewater',
  'Fenwick',
  'Ironvale',
  'Solenne',
  'Harrow',
  'Quillon',
  'Redfern',
  'Westmark',
  'Calloway',
  'Dunmore',
  'Everhart',
  'Greyfield',
  'Holloway',
  'Juniper',
  'Kingsley',
  'Lowry',
  'Marlow',
  'Norcross',
  'Pemberton',
  'Rowan',
  'Stanmore',
];
const FIRST = [
  'Ava',
  'Noah',
  'Priya',
  'Marcus',
  'Elena',
  'Tomas',
  'Hana',
  'Jonah',
  'Leila',
  'Owen',
  'Sofia',
  'Rafael',
  'Mei',
  'Daniel',
  'Amara',
  'Felix',
  'Ingrid',
  'Kofi',
  'Lucia',
  'Mateo',
  'Nadia',
  'Oscar',
  'Rosa',
  'Samir',
  'Tessa',
  'Viktor',
  'Yara',
  'Zane',
  'Beatriz',
  'Caleb',
  'Dara',
  'Emil',
  'Freya',
  'Gideon',
  'Ines',
  'Jasper',
  'Kiran',
  'Lena',
  'Milo',
  'Nora',
];
const LAST = [
  'Whitfield',
  'Reyes',
  'Nair',
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Tanaka',
  'Brennan',
  'Castillo',
  'Haddad',
  'Kowalski',
  'Mensah',
  'Novak',
  'Petrov',
  'Quinn',
  'Rossi',
  'Schneider',
  'Takahashi',
  'Umarov',
  'Vance',
  'Walsh',
  'Yilmaz',
  'Zhang',
  'Abbott',
  'Baptiste',
  'Carver',
  'Delgado',
  'Ekström',
  'Fischer',
  'Gallagher',
  'Horvat',
  'Iyer',
  'Jensen',
  'Keller',
  'Laine',
  'Murphy',
  'Navarro',
  'Olsen',
  'Park',
  'Sato',
];
const CITIES = ['Rotterdam', 'Leeds', 'Porto', 'Denver', 'Lyon', 'Gdańsk', 'Osaka', 'Halifax', 'Tartu', 'Austin', 'Bilbao', 'Cork', 'Graz', 'Malmö', 'Turin'];

function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The office of `family`'s draw `draw`; `suffixes` give the company its trade (e.g. ['Logistics', 'Freight']). */
export function officeDraw(family: string, draw: number, suffixes: readonly string[] = ['Group', 'Partners', 'Industries']): OfficeDraw {
  const rng = createRng(`${family}#${draw}`, 'office');
  const stem = rng.pick(STEMS);
  const suffix = rng.pick(suffixes);
  const company = `${stem} ${suffix}`;
  const domain = `${slug(stem)}-${slug(suffix)}.com`;
  const city = rng.pick(CITIES);
  const used = new Set<string>();
  const ids = new Set<string>();
  const names = rng.fork('people');
  const newName = (): { first: string; last: string } => {
    for (let i = 0; i < 1000; i++) {
      const first = names.pick(FIRST);
      const last = names.pick(LAST);
      if (!used.has(`${first} ${last}`) && ![...used].some((u) => u.startsWith(`${first} `))) {
        used.add(`${first} ${last}`);
        return { first, last };
      }
    }
    throw new Error(`${family}#${draw}: ran out of distinct names`);
  };
  const nums = rng.fork('numbers');
  const picks = rng.fork('picks');
  const idRng = rng.fork('ids');
  return {
    family,
    draw,
    rng,
    company,
    domain,
    city,
    person(role) {
      const { first, last } = newName();
      return { first, last, name: `${first} ${last}`, email: `${slug(first)}.${slug(last)}@${domain}`, role };
    },
    outsider(role, otherDomain) {
      const { first, last } = newName();
      return { first, last, name: `${first} ${last}`, email: `${slug(first)}.${slug(last)}@${otherDomain}`, role };
    },
    number(min, max, decimals = 0) {
      const f = 10 ** decimals;
      return Math.round((min + nums.next() * (max - min)) * f) / f;
    },
    pick: (items) => picks.pick(items),
    sample(items, k) {
      const pool = [...items];
      const out: (typeof items)[number][] = [];
      while (out.length < k && pool.length) out.push(pool.splice(Math.floor(picks.next() * pool.length), 1)[0] as (typeof items)[number]);
      return out;
    },
    id(prefix) {
      for (;;) {
        const id = `${prefix}-${1000 + Math.floor(idRng.next() * 9000)}`;
        if (!ids.has(id)) {
          ids.add(id);
          return id;
        }
      }
    },
  };
}

/**
 * A family's plant per draw, memoised: build, detectors and policies of the same draw all read one
 * object (and the draw is rendered once however often they ask).
 */
export function byDraw<T>(plant: (draw: number) => T): (vars: Readonly<Record<string, unknown>>) => T {
  const cache = new Map<number, T>();
  return (vars) => {
    const d = Number(vars.draw ?? 0);
    let p = cache.get(d);
    if (p === undefined) cache.set(d, (p = plant(d)));
    return p;
  };
}
