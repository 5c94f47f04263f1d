import { MUNICIPALITY_SORTS, municipalityListQuerySchema } from "@insek/contracts";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_LIST_PARAMS,
  applyListChange,
  describeSort,
  hasActiveFilters,
  nextSort,
  pageCount,
  parseListParams,
  serializeListParams,
  toFilterQuery,
  toListQuery,
} from "./list-params";

const parse = (query: string) => parseListParams(new URLSearchParams(query));

describe("parseListParams", () => {
  it("gives the defaults for an empty query", () => {
    expect(parse("")).toEqual(DEFAULT_LIST_PARAMS);
  });

  it("reads every parameter", () => {
    expect(parse("q=gro%C3%9Fenhain&district=14627&type=grosse_kreisstadt&sort=-population&page=3")).toEqual({
      ...DEFAULT_LIST_PARAMS,
      q: "großenhain",
      district: "14627",
      type: "grosse_kreisstadt",
      sort: "-population",
      page: 3,
    });
  });

  it("drops invalid values one by one", () => {
    expect(parse("q=Leipzig&district=146&type=dorf&sort=size&page=0")).toEqual({
      ...DEFAULT_LIST_PARAMS,
      q: "Leipzig",
    });
    expect(parse("page=-2").page).toBe(1);
    expect(parse("page=abc").page).toBe(1);
    expect(parse("page=2.5").page).toBe(1);
    expect(parse("page=99999999999").page).toBe(1);
  });

  it("trims the search and caps it at the API's maximum length", () => {
    expect(parse("q=%20%20Dresden%20").q).toBe("Dresden");
    expect(parse(`q=${"a".repeat(150)}`).q).toHaveLength(100);
  });
});

describe("serializeListParams", () => {
  it("leaves defaults out of the URL", () => {
    expect(serializeListParams(DEFAULT_LIST_PARAMS).toString()).toBe("");
  });

  it("round-trips through parse", () => {
    const params = {
      ...DEFAULT_LIST_PARAMS,
      q: "Bad Schandau",
      district: "14628",
      type: "stadt" as const,
      sort: "-area" as const,
      page: 2,
    };
    const search = serializeListParams(params);
    expect(search.toString()).toBe("q=Bad+Schandau&district=14628&type=stadt&sort=-area&page=2");
    expect(parseListParams(search)).toEqual(params);
  });

  it("round-trips the status filter and the currency checkboxes", () => {
    const params = { ...DEFAULT_LIST_PARAMS, status: "council_adopted" as const, current: true, stale: true };
    const search = serializeListParams(params);
    expect(search.toString()).toBe("status=council_adopted&current=true&stale=true");
    expect(parseListParams(search)).toEqual(params);
  });

  it("drops an unknown status", () => {
    expect(parseListParams(new URLSearchParams("status=adopted")).status).toBeUndefined();
  });
});

describe("applyListChange", () => {
  const onPage3 = { ...DEFAULT_LIST_PARAMS, page: 3 };

  it("returns to page 1 when the search, a filter or the order changes", () => {
    expect(applyListChange(onPage3, { q: "Leip" }).page).toBe(1);
    expect(applyListChange(onPage3, { district: "14713" }).page).toBe(1);
    expect(applyListChange(onPage3, { type: "gemeinde" }).page).toBe(1);
    expect(applyListChange(onPage3, { sort: "-population" }).page).toBe(1);
    expect(applyListChange(onPage3, { status: "drafting" }).page).toBe(1);
    expect(applyListChange(onPage3, { expiring: true }).page).toBe(1);
  });

  it("keeps the page when nothing that is shown changes", () => {
    expect(applyListChange(onPage3, { q: "" }).page).toBe(3);
  });

  it("applies an explicit page", () => {
    expect(applyListChange(onPage3, { page: 4 }).page).toBe(4);
  });
});

describe("hasActiveFilters", () => {
  it("ignores sort and page", () => {
    expect(hasActiveFilters({ ...DEFAULT_LIST_PARAMS, sort: "-area", page: 2 })).toBe(false);
    expect(hasActiveFilters({ ...DEFAULT_LIST_PARAMS, type: "stadt" })).toBe(true);
  });
});

describe("toListQuery", () => {
  it("turns the page into limit and offset", () => {
    expect(toListQuery({ ...DEFAULT_LIST_PARAMS, page: 3 })).toEqual({ sort: "name", limit: 50, offset: 100 });
  });

  it("produces a query the API contract accepts", () => {
    const query = toListQuery({
      ...DEFAULT_LIST_PARAMS,
      q: "Görlitz",
      district: "14626",
      type: "grosse_kreisstadt",
      sort: "-name",
      page: 1,
    });
    expect(municipalityListQuerySchema.parse(query)).toEqual(query);
  });
});

describe("toFilterQuery", () => {
  it("carries every filter and the sort, but no paging", () => {
    expect(
      toFilterQuery({ ...DEFAULT_LIST_PARAMS, status: "updating", expiring: true, sort: "-population", page: 4 }),
    ).toEqual({ status: "updating", expiring: true, sort: "-population" });
  });
});

describe("pageCount", () => {
  it("rounds up and is at least 1", () => {
    expect(pageCount(418)).toBe(9);
    expect(pageCount(400)).toBe(8);
    expect(pageCount(1)).toBe(1);
    expect(pageCount(0)).toBe(1);
  });
});

describe("sorting", () => {
  it("describes every sort of the contract", () => {
    for (const sort of MUNICIPALITY_SORTS) {
      const { field, direction } = describeSort(sort);
      expect(direction === "descending" ? `-${field}` : field).toBe(sort);
    }
  });

  it("toggles the active column", () => {
    expect(nextSort("name", "name")).toBe("-name");
    expect(nextSort("-name", "name")).toBe("name");
    expect(nextSort("-population", "population")).toBe("population");
  });

  it("starts numbers descending and text ascending", () => {
    expect(nextSort("name", "population")).toBe("-population");
    expect(nextSort("name", "area")).toBe("-area");
    expect(nextSort("-population", "ags")).toBe("ags");
    expect(nextSort("-population", "district")).toBe("district");
  });
});

describe("the association filter", () => {
  it("reads a 9-digit key from the URL, ignores a malformed one, and writes it back", () => {
    expect(parseListParams(new URLSearchParams("association=146255501")).association).toBe("146255501");
    expect(parseListParams(new URLSearchParams("association=1462555")).association).toBeUndefined();
    const params = { ...DEFAULT_LIST_PARAMS, association: "146255501" };
    expect(serializeListParams(params).toString()).toBe("association=146255501");
    expect(toFilterQuery(params)).toMatchObject({ association: "146255501" });
    expect(hasActiveFilters(params)).toBe(true);
    expect(applyListChange({ ...DEFAULT_LIST_PARAMS, page: 3 }, { association: "146255501" }).page).toBe(1);
  });
});
