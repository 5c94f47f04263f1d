import { type KeyboardEvent, useEffect, useId, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { municipalitiesQueryOptions } from "../lib/api/get-municipalities";
import "../styles/workspace.css";

export interface PickedMunicipality {
  ags: string;
  name: string;
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/**
 * A searchable multi-select of municipalities (WAI-ARIA combobox with a listbox popup): type a name or AGS,
 * move through the suggestions with the arrow keys, take one over with Enter, close with Escape. The chosen
 * ones are listed below with a remove button each. With `max={1}` it picks a single municipality.
 */
export function MunicipalityPicker({
  inputId,
  label,
  value,
  onChange,
  max,
  invalid,
  errorId,
}: {
  inputId: string;
  label: string;
  value: readonly PickedMunicipality[];
  onChange: (next: PickedMunicipality[]) => void;
  max?: number;
  invalid?: boolean;
  errorId?: string | undefined;
}) {
  const { t } = useTranslation("advisory");
  const id = useId();
  const listboxId = `${id}-listbox`;
  const hintId = `${id}-hint`;
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState("");
  const query = useDebounced(text.trim(), 200);
  const search = useQuery({
    ...municipalitiesQueryOptions({ q: query, limit: 10, offset: 0, sort: "name" }),
    enabled: query.length > 0,
  });
  const searching = query.length > 0 && open;
  const chosen = new Set(value.map((item) => item.ags));
  const options = searching && search.data && !search.isPlaceholderData
    ? search.data.items.filter((item) => !chosen.has(item.ags)).map((item) => ({ ags: item.ags, name: item.displayName }))
    : [];
  const expanded = searching && text.trim().length > 0;
  const full = max !== undefined && value.length >= max;

  useEffect(() => setActive(-1), [query]);

  const add = (item: PickedMunicipality) => {
    onChange(max === 1 ? [item] : [...value, item]);
    setText("");
    setOpen(false);
    setActive(-1);
    setAnnouncement(t("picker.added", { name: item.name }));
  };

  const remove = (item: PickedMunicipality) => {
    onChange(value.filter((other) => other.ags !== item.ags));
    setAnnouncement(t("picker.removed", { name: item.name }));
    document.getElementById(inputId)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (options.length === 0 ? -1 : Math.min(index + 1, options.length - 1)));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === "Enter") {
      // Enter takes over the highlighted suggestion; it never submits the form from here.
      if (expanded) event.preventDefault();
      const option = options[active] ?? (options.length === 1 ? options[0] : undefined);
      if (expanded && option) add(option);
    } else if (event.key === "Escape") {
      if (expanded) {
        event.preventDefault();
        setOpen(false);
      }
    }
  };

  const activeOption = active >= 0 ? options[active] : undefined;
  const status = !expanded
    ? ""
    : search.isFetching || search.isPlaceholderData || query !== text.trim()
      ? t("picker.searching")
      : options.length === 0
        ? t("picker.noResults")
        : t("picker.results", { count: options.length });

  return (
    <div className="picker">
      <label htmlFor={inputId}>{label}</label>
      <p className="hint" id={hintId}>
        {t("picker.hint")}
      </p>
      <div className="picker__control">
        <input
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={activeOption ? `${id}-option-${activeOption.ags}` : undefined}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}
          value={text}
          disabled={full && max !== 1}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
        />
        <ul id={listboxId} role="listbox" aria-label={label} className="picker__listbox" hidden={!expanded || options.length === 0}>
          {options.map((option, index) => (
            <li
              key={option.ags}
              id={`${id}-option-${option.ags}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? "picker__option picker__option--active" : "picker__option"}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => add(option)}
            >
              {option.name} <span className="secondary">({option.ags})</span>
            </li>
          ))}
        </ul>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {status} {announcement}
      </p>
      {expanded && options.length === 0 && status ? (
        <p className="hint" aria-hidden="true">
          {status}
        </p>
      ) : null}
      {value.length > 0 ? (
        <ul className="picker__chips" aria-label={t("picker.selected")}>
          {value.map((item) => (
            <li key={item.ags} className="picker__chip">
              <span>{item.name}</span>
              <button type="button" className="picker__remove" aria-label={t("picker.remove", { name: item.name })} onClick={() => remove(item)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : max === 1 ? null : (
        <p className="hint">{t("picker.noneSelected")}</p>
      )}
    </div>
  );
}
