import { describe, expect, it } from "vitest";
import { foldForSearch, searchText } from "../src/search-fold.js";

describe("foldForSearch", () => {
  it.each([
    ["Großenhain", "grossenhain"],
    ["Löbau", "lobau"],
    ["Budyšin", "budysin"],
    ["Weißwasser/O.L., Stadt / Běła Woda", "weisswasser/o.l., stadt / bela woda"],
    ["Kwětanecy při jězoru", "kwetanecy pri jezoru"],
    ["ÖDERAN", "oderan"],
    ["Mülsen", "mulsen"],
  ])("%s -> %s", (input, expected) => {
    expect(foldForSearch(input)).toBe(expected);
  });

  it("collapses whitespace", () => {
    expect(foldForSearch("  Bad\tSchlema \n")).toBe("bad schlema");
  });

  it("treats composed and decomposed input alike", () => {
    expect(foldForSearch("Lo\u0308bau")).toBe(foldForSearch("L\u00f6bau"));
  });
});

describe("searchText", () => {
  const text = searchText(["Löbau, Stadt", "Löbau"]);
  const matches = (query: string, haystack = text): boolean => haystack.includes(foldForSearch(query));

  it("holds the stripped and the transliterated fold of each name once", () => {
    expect(text.split("\n")).toEqual(["lobau, stadt", "loebau, stadt", "lobau", "loebau"]);
  });

  it.each(["lobau", "loebau", "Löbau", "LÖBAU", "Loebau", "bau, st"])("finds Löbau by %s", (query) => {
    expect(matches(query)).toBe(true);
  });

  it.each(["grossenhain", "Großenhain", "GROSSENHAIN", "großen"])("finds Großenhain by %s", (query) => {
    expect(matches(query, searchText(["Großenhain, Stadt"]))).toBe(true);
  });

  it("finds Sorbian names without their diacritics", () => {
    expect(matches("budysin", searchText(["Bautzen / Budyšin, Stadt"]))).toBe(true);
  });

  it("does not match across two names", () => {
    expect(matches("stadt\nloebau")).toBe(false);
    expect(matches("lobaux")).toBe(false);
  });
});
