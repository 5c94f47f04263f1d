/**
 * Valid-looking JSON bodies from a route's OpenAPI (JSON Schema) request body, with one field replaced:
 * so that a hostile value in that field meets the route's code rather than a missing sibling field.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
}

export interface Leaf {
  path: (string | number)[];
  /** A date field (format date): it also gets dates out of range. */
  date: boolean;
}

function variant(schema: JsonSchema): JsonSchema {
  return schema.oneOf?.[0] ?? schema.anyOf?.find((s) => s.type !== "null") ?? schema;
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
}

function exampleString(schema: JsonSchema, name: string): string {
  if (schema.format === "date") return "2026-11-01";
  if (schema.format === "email" || /e-?mail/i.test(name)) return "fuzz-body@test.example";
  if (schema.format === "uri" || /url/i.test(name)) return "https://example.org/a.pdf";
  if (schema.pattern?.includes("\\d{8}")) return "14522010";
  if (schema.pattern?.includes("\\d{5}")) return "14522";
  return "x".repeat(Math.max(schema.minLength ?? 1, 1));
}

/** An example of the schema: required properties, plus those on `focus` (the path to one leaf). */
export function exampleOf(input: JsonSchema, focus: (string | number)[] = [], name = ""): unknown {
  const schema = variant(input);
  if (schema.enum) return schema.enum[0];
  switch (typeOf(schema)) {
    case "object": {
      const keys = new Set([...(schema.required ?? []), ...(typeof focus[0] === "string" ? [focus[0]] : [])]);
      const result: Record<string, unknown> = {};
      for (const key of keys) {
        const property = schema.properties?.[key];
        if (property) result[key] = exampleOf(property, key === focus[0] ? focus.slice(1) : [], key);
      }
      return result;
    }
    case "array":
      return schema.items && (schema.minItems ?? 0) + focus.length > 0 ? [exampleOf(schema.items, focus.slice(1), name)] : [];
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return false;
    case "string":
      return exampleString(schema, name);
    default:
      return null;
  }
}

/** Every free-text and date leaf of the schema (strings without an enum), with its path. */
export function leavesOf(input: JsonSchema, path: (string | number)[] = []): Leaf[] {
  const schema = variant(input);
  if (schema.enum) return [];
  switch (typeOf(schema)) {
    case "object":
      return Object.entries(schema.properties ?? {}).flatMap(([key, property]) => leavesOf(property, [...path, key]));
    case "array":
      return schema.items ? leavesOf(schema.items, [...path, 0]) : [];
    case "string":
      return [{ path, date: schema.format === "date" }];
    default:
      return [];
  }
}

/** The example with `value` at `path`. */
export function exampleWith(schema: JsonSchema, path: (string | number)[], value: unknown): unknown {
  const root = exampleOf(schema, path);
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last === undefined) return value;
  node[last] = value;
  return root;
}
