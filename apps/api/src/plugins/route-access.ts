import type { FastifyInstance, RouteOptions } from "fastify";
import { ACCESS_RULES, type AccessRule, isAccessRule } from "../lib/access.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Who may call the route (lib/access.ts). Required: app.ready() fails for a route without it. */
    access?: AccessRule;
    /** `false`: no CSRF token needed even with a session cookie (login and password reset, which carry their own proof). */
    csrf?: false;
  }
  interface FastifyInstance {
    routeAccess: RouteAccessTable;
  }
}

export interface RouteAccessEntry {
  method: string;
  url: string;
  access: AccessRule;
  /** Registered inside `withDefault`: a route whose code is not ours (the OpenAPI UI's files, the web app's files). */
  foreign: boolean;
}

export interface RouteAccessTable {
  /** Every route with its rule, one entry per method (HEAD routes included). */
  entries(): RouteAccessEntry[];
  /**
   * Registers routes whose code is not ours (the OpenAPI UI's files, the web app's files), giving those
   * without a rule the one named here. Explicit, and limited to what `register` adds.
   */
  withDefault<T>(rule: AccessRule, register: () => PromiseLike<T>): Promise<T>;
  /**
   * Rules for routes by "METHOD /url" (HEAD falls back to GET), for routes that do not declare their
   * own yet; a route's own `config.access` wins. Call before those routes are registered.
   */
  assign(rules: Record<string, AccessRule>): void;
}

function methodsOf(route: RouteOptions): string[] {
  return Array.isArray(route.method) ? [...(route.method as string[])] : [route.method];
}

/**
 * Records every route as it is added, and makes app.ready() fail when a route has no access rule, an
 * unknown one, or `write:municipality` without an `:ags` parameter. Call before any route is registered.
 */
export function registerRouteAccess(app: FastifyInstance) {
  const routes: RouteOptions[] = [];
  const foreign = new WeakSet<RouteOptions>();
  let defaultRule: AccessRule | undefined;
  const assigned = new Map<string, AccessRule>();

  app.addHook("onRoute", (route) => {
    if (route.config?.access === undefined) {
      const methods = methodsOf(route);
      const byTable = methods
        .map((m) => assigned.get(`${m} ${route.url}`) ?? (m === "HEAD" ? assigned.get(`GET ${route.url}`) : undefined))
        .find((r) => r !== undefined);
      const rule = byTable ?? defaultRule;
      if (rule !== undefined) route.config = { ...route.config, access: rule };
    }
    if (defaultRule !== undefined) foreign.add(route);
    routes.push(route);
  });

  app.addHook("onReady", (done) => {
    const problems: string[] = [];
    for (const route of routes) {
      const access: unknown = route.config?.access;
      const name = `${methodsOf(route).join(",")} ${route.url}`;
      if (access === undefined) problems.push(`${name}: no access rule (config: { access: ... })`);
      else if (!isAccessRule(access)) problems.push(`${name}: unknown access rule ${JSON.stringify(access)} (one of ${ACCESS_RULES.join(", ")})`);
      else if (access === "write:municipality" && !route.url.includes(":ags")) problems.push(`${name}: write:municipality needs an :ags parameter`);
    }
    done(problems.length > 0 ? new Error(`Routes without a valid access rule:\n  ${problems.join("\n  ")}`) : undefined);
  });

  const table: RouteAccessTable = {
    entries: () =>
      routes.flatMap((route) =>
        methodsOf(route).map((method) => ({ method, url: route.url, access: route.config?.access as AccessRule, foreign: foreign.has(route) })),
      ),
    assign: (rules) => {
      for (const [key, rule] of Object.entries(rules)) assigned.set(key, rule);
    },
    withDefault: async (rule, register) => {
      defaultRule = rule;
      try {
        return await register();
      } finally {
        defaultRule = undefined;
      }
    },
  };
  app.decorate("routeAccess", table);
}
