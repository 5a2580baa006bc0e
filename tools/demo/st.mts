// in-process stage timings: node --import tsx tools/demo/st.mts ROOT [slugs...]
const t0 = performance.now();
const { workspaceAt } = await import("../core/workspace.ts");
const { buildSites } = await import("../pipeline/build-sites.ts");
const { Progress } = await import("../core/progress.ts");
const t1 = performance.now();
console.log(`imports ${(t1 - t0).toFixed(0)} ms`);
const [root, ...slugs] = process.argv.slice(2);
const progress = new Progress();
let last = performance.now();
let lastStage = "start";
progress.onStage((s) => { const n = performance.now(); console.log(`  ${lastStage}: ${(n - last).toFixed(0)} ms`); last = n; lastStage = s; });
const ws = workspaceAt(root!);
const r = await buildSites(ws, slugs.length ? slugs : undefined, { progress });
const n = performance.now();
console.log(`  ${lastStage}: ${(n - last).toFixed(0)} ms`);
console.log(`total ${(n - t1).toFixed(0)} ms, ok ${r.results.filter((x) => x.ok).length}/${r.results.length}, fatal ${r.fatal.length}`);
