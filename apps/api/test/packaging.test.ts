/**
 * Production packaging, checked as far as possible without a container engine: the Dockerfile's stages,
 * user, health check and copied paths; the compose file's required secrets and settings (validated by the
 * application's own configuration schema); and that the server bundle imports at run time only packages
 * the image installs (`pnpm install --prod --filter @insek/api`).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { loadEnv } from "../src/env.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const dockerfile = readFileSync(path.join(root, "docker/Dockerfile"), "utf8");
const instructions = dockerfile
  .replace(/\\\n\s*/g, " ")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line !== "" && !line.startsWith("#"));
const stages = instructions.reduce<string[][]>((all, line) => {
  if (/^FROM\s/i.test(line)) all.push([]);
  all.at(-1)?.push(line);
  return all;
}, []);
const runtime = stages.at(-1) ?? [];
/** A bare import specifier: a package (or node built-in), not a relative path. */
const PACKAGE_SPECIFIER = /^(?:node:)?(?:@[a-z0-9._-]+\/)?[a-z0-9][a-z0-9._-]*(?:\/[\w./-]+)?$/;

describe("docker/Dockerfile", () => {
  it("builds in one stage and runs from a second, slim one", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime[0]).toMatch(/^FROM node:20\.\d+-bookworm-slim AS runtime$/);
    // The build stage installs exactly the pnpm version the repository pins.
    const pinned = readFileSync(path.join(root, "README.md"), "utf8").match(/npm install -g pnpm@([\d.]+)/)?.[1];
    expect(pinned).toBeDefined();
    expect(dockerfile).toContain(`pnpm@${pinned}`);
  });

  it("runs as the unprivileged node user, with a health check on readiness", () => {
    const user = runtime.findIndex((l) => /^USER\s/.test(l));
    const cmd = runtime.findIndex((l) => /^CMD\s/.test(l));
    expect(runtime[user]).toBe("USER node");
    expect(user).toBeLessThan(cmd);
    expect(runtime.find((l) => l.startsWith("HEALTHCHECK"))).toContain("/health/ready");
    expect(runtime.find((l) => l.startsWith("ENV"))).toMatch(/NODE_ENV=production/);
  });

  it("copies into the runtime stage only paths the build produces, and starts the built server", () => {
    const copies = runtime.filter((l) => l.startsWith("COPY --from=build"));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const source = copy.split(/\s+/).at(-2) ?? "";
      expect(source.startsWith("/app/"), copy).toBe(true);
      const relative = source.slice("/app/".length);
      // node_modules are made by the install inside the image; everything else must exist after `pnpm build`.
      if (!relative.endsWith("node_modules")) expect(existsSync(path.join(root, relative)), `${relative} after pnpm build`).toBe(true);
    }
    expect(runtime.at(-1)).toBe('CMD ["node", "apps/api/dist/server.js"]');
    expect(existsSync(path.join(root, "apps/api/dist/migrations/meta/_journal.json"))).toBe(true);
  });

  it("keeps local data, dependencies and build output out of the build context", () => {
    const ignored = readFileSync(path.join(root, ".dockerignore"), "utf8").split("\n");
    for (const entry of ["**/node_modules", "**/dist", "data", ".git"]) expect(ignored).toContain(entry);
  });

  it("the bundle imports at run time only node built-ins and the API's own dependencies", () => {
    const pkg = JSON.parse(readFileSync(path.join(root, "apps/api/package.json"), "utf8")) as { dependencies: Record<string, string> };
    const dist = path.join(root, "apps/api/dist");
    const specifiers = new Set<string>();
    for (const file of readdirSync(dist).filter((f) => f.endsWith(".js"))) {
      const code = readFileSync(path.join(dist, file), "utf8");
      const statics = code.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm);
      const dynamics = code.matchAll(/\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g);
      for (const match of [...statics, ...dynamics]) {
        const specifier = match[1] ?? match[2];
        if (specifier && PACKAGE_SPECIFIER.test(specifier)) specifiers.add(specifier);
      }
    }
    expect([...specifiers]).toEqual(expect.arrayContaining(["fastify", "drizzle-orm", "nodemailer", "prom-client"]));
    const builtins = new Set(builtinModules);
    const missing = [...specifiers].filter((s) => {
      if (s.startsWith("node:") || builtins.has(s)) return false;
      const name = s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : (s.split("/")[0] ?? s);
      return !(name in pkg.dependencies);
    });
    expect(missing).toEqual([]);
  });
});

describe("docker/compose.yaml", () => {
  const compose = parseYaml(readFileSync(path.join(root, "docker/compose.yaml"), "utf8")) as {
    services: Record<
      string,
      { environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; healthcheck?: unknown; build?: { dockerfile: string }; command?: string[]; volumes?: string[] }
    >;
  };
  const app = compose.services.app;
  const db = compose.services.db;
  const migrate = compose.services.migrate;
  /** What compose would substitute with the required variables given and the optional ones unset. */
  const substituted = (environment: Record<string, string> | undefined) =>
    Object.fromEntries(
      Object.entries(environment ?? {}).map(([key, value]) => [
        key,
        String(value)
          .replace(/\$\{PUBLIC_URL:\?[^}]*\}/g, "https://insek.example.org")
          .replace(/\$\{LINK_SECRET:\?[^}]*\}/g, "example-link-secret-of-32-characters-or-more")
          .replace(/\$\{(\w+):\?[^}]*\}/g, (_, name: string) => `example-${name.toLowerCase().replace(/_/g, "-")}`)
          .replace(/\$\{\w+:-([^}]*)\}/g, "$1"),
      ]),
    );

  it("requires the database password from the environment: no default secret", () => {
    expect(db?.environment?.POSTGRES_PASSWORD).toBe("${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}");
    expect(db?.environment?.INSEK_OWNER_PASSWORD).toBe("${INSEK_OWNER_PASSWORD:?set INSEK_OWNER_PASSWORD}");
    expect(db?.environment?.INSEK_APP_PASSWORD).toBe("${INSEK_APP_PASSWORD:?set INSEK_APP_PASSWORD}");
    expect(app?.environment?.DATABASE_URL).toContain("${INSEK_APP_PASSWORD:?");
    expect(migrate?.environment?.DATABASE_URL).toContain("${INSEK_OWNER_PASSWORD:?");
    expect(app?.environment?.METRICS_TOKEN).toBe("${METRICS_TOKEN:?set METRICS_TOKEN}");
    const text = readFileSync(path.join(root, "docker/compose.yaml"), "utf8");
    // Every variable substitution is either required (:?) or defaults to empty/a non-secret value.
    for (const [, name, op, fallback] of text.matchAll(/\$\{(\w+)(:[?-])?([^}]*)\}/g)) {
      if (/PASSWORD|TOKEN|SECRET/.test(name ?? "")) expect(op === ":?" || (op === ":-" && fallback === ""), name).toBe(true);
    }
  });

  it("migrates as the owner role after a healthy database, then starts the app as the application's role, from the Dockerfile", () => {
    expect(db?.healthcheck).toBeDefined();
    expect(db?.volumes).toContain("./initdb:/docker-entrypoint-initdb.d:ro");
    expect(existsSync(path.join(root, "docker/initdb/10-insek-roles.sh"))).toBe(true);
    expect(migrate?.depends_on?.db?.condition).toBe("service_healthy");
    expect(migrate?.command).toEqual(["node", "apps/api/dist/cli.js", "migrate", "--app-role", "insek_app"]);
    expect(existsSync(path.join(root, "apps/api/dist/cli.js"))).toBe(true);
    expect(app?.depends_on?.migrate?.condition).toBe("service_completed_successfully");
    expect(app?.depends_on?.db).toBeUndefined();
    for (const service of [app, migrate]) expect(service?.build?.dockerfile).toBe("docker/Dockerfile");
    // The init script's default role names are the ones in the URLs.
    const script = readFileSync(path.join(root, "docker/initdb/10-insek-roles.sh"), "utf8");
    expect(script).toContain("${INSEK_OWNER_ROLE:-insek_owner}");
    expect(script).toContain("${INSEK_APP_ROLE:-insek_app}");
    expect(new URL(substituted(migrate?.environment).DATABASE_URL ?? "").username).toBe("insek_owner");
    expect(new URL(substituted(app?.environment).DATABASE_URL ?? "").username).toBe("insek_app");
  });

  it("sets only settings the application knows, with values its configuration accepts", () => {
    const environment = substituted(app?.environment);
    expect(() => loadEnv(environment, { server: true })).not.toThrow();
    const env = loadEnv(environment, { server: true });
    expect(env.DATABASE_URL).toBe("postgres://insek_app:example-insek-app-password@db:5432/insek");
    expect(env.NODE_ENV).toBe("production");
    expect(loadEnv(substituted(migrate?.environment)).DATABASE_URL).toBe("postgres://insek_owner:example-insek-owner-password@db:5432/insek");
  });
});
