#!/usr/bin/env node
// Summarises V8 .cpuprofile files (node --cpu-prof, bench --cpu-prof-dir): self time by
// package or project file, self time by function, and inclusive time of the functions whose
// name matches --grep. Several files are summed (e.g. every profile of one server process).
//
//   node scripts/summarise-cpuprofile.mjs prof/*.cpuprofile [--top 40] [--grep validate,ingest] [--skip-ms 3000]
//
// --skip-ms leaves out the first milliseconds of each profile (a server's start-up).
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const top = Number(flag('--top', '30'));
const grep = flag('--grep', '').split(',').filter(Boolean);
const skipUs = Number(flag('--skip-ms', '0')) * 1000;
const files = args;
if (files.length === 0) {
  console.error('usage: summarise-cpuprofile.mjs FILE.cpuprofile... [--top N] [--grep name,name]');
  process.exit(2);
}

/** A project file as its path from the repository, a dependency as its package name. */
function placeOf(url) {
  if (!url) return '(native/vm)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    return `npm:${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (path.startsWith('node:')) return path;
  const dist = path.indexOf('/dist/');
  return dist >= 0 ? path.slice(dist + '/dist/'.length) : path;
}

const selfByFunction = new Map();
const selfByPlace = new Map();
const inclusiveByName = new Map();
let total = 0;
let idle = 0;

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  let at = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= skipUs) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id);
    const name = callFrame.functionName || '(anonymous)';
    if (name === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    const place = ['(garbage collector)', '(program)'].includes(name) ? name : placeOf(callFrame.url);
    const key = `${name}  ${place}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ''}`;
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + us);
    selfByPlace.set(place, (selfByPlace.get(place) ?? 0) + us);
    if (grep.length === 0) continue;
    // Inclusive: each matching function once per stack (recursion counted once).
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at).callFrame;
      const fn = frame.functionName;
      if (!grep.some((g) => fn.includes(g))) continue;
      const k = `${fn}  ${placeOf(frame.url)}`;
      if (seen.has(k)) continue;
      seen.add(k);
      inclusiveByName.set(k, (inclusiveByName.get(k) ?? 0) + us);
    }
  }
}

const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
const ms = (us) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
const print = (title, map) => {
  console.log(`\n${title}`);
  [...map].sort((a, b) => b[1] - a[1]).slice(0, top).forEach(([k, us]) => console.log(`${pct(us)} ${ms(us)}  ${k}`));
};
console.log(`${files.length} profile(s): busy ${(total / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms (shares below are of busy time)`);
print('self time by package / file', selfByPlace);
print('self time by function', selfByFunction);
if (grep.length > 0) print(`inclusive time of functions matching ${grep.join(', ')}`, inclusiveByName);
