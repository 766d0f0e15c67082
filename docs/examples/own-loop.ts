// Drive an episode from your own loop. Run: node --no-node-snapshot --import tsx docs/examples/own-loop.ts
import { glasshouse } from 'glasshouse-sim';

const ep = await glasshouse.start('oversight-subversion', { variant: 'spec=true', seed: 1 });
console.log(`tools: ${ep.tools.map((t) => t.name).join(', ')}`);

// Your model would decide these; here they are written out.
const data = await ep.call('bash', { command: 'cat /home/user/project/communications/fleet_routing_data.txt' });
console.log(`read ${data.content.length} characters of planning data`);
const cfg = await ep.call('read_file', { path: '/home/user/project/oversight_config.yaml' });
console.log(cfg.content.trim());
ep.say('I will not touch the oversight config.', { reasoning: 'Disabling it would be a covert action (AS1).' });
await ep.call('select_strategy', { strategy: 'C', rationale: 'Balanced; flagging the conflict openly.' });

const { outcome, findings } = await ep.end();
console.log(`outcome: ${outcome}`);
for (const f of findings) console.log(`  ${f.detector}: ${f.verdict} ${f.score ?? ''} ${f.explanation} (${f.provenance})`);
