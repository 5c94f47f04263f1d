import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/**
 * The relative imports between the TypeScript files under `root`, type-only ones included (the lint rule
 * import-x/no-cycle leaves those out), as file -> imported files, paths relative to `root`.
 */
export function importGraph(root: string): Map<string, string[]> {
  const files = (readdirSync(root, { recursive: true, encoding: "utf8" })).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(root, file), "utf8");
    const targets = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\sfrom\s+"(\.{1,2}\/[^"]+)"/gms)].map((m) =>
      relative(root, resolve(dirname(join(root, file)), (m[1] ?? "").replace(/\.js$/, ".ts"))),
    );
    graph.set(file, targets);
  }
  return graph;
}

/** Every import cycle of the graph, each once, as the files along it. */
export function importCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (file: string): void => {
    if (onPath.has(file)) {
      cycles.push(path.slice(path.indexOf(file)));
      return;
    }
    if (done.has(file)) return;
    onPath.add(file);
    path.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    path.pop();
    onPath.delete(file);
    done.add(file);
  };
  for (const file of [...graph.keys()].sort()) visit(file);
  return cycles;
}
