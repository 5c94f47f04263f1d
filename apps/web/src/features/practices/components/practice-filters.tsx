import { PRACTICE_CRITERIA, PRACTICE_PHASES, PRACTICE_TOPICS, SIZE_CLASSES } from "@insek/contracts";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { DistrictSelect } from "../../../components/form/district-select";
import { CheckboxField, Field, SelectField } from "../../../components/form/field";
import { MAX_SEARCH_LENGTH, type PracticeListParams, activeFilterCount } from "../practice-params";

type Patch = Partial<Omit<PracticeListParams, "page">>;

/** Search and filters of the catalogue; every change goes to the URL at once (the search on submit). */
export function PracticeFilters({ params, onChange, onReset }: { params: PracticeListParams; onChange: (patch: Patch) => void; onReset: () => void }) {
  const { t } = useTranslation("practices");
  const id = useId();
  const [draft, setDraft] = useState(params.q);
  useEffect(() => setDraft(params.q), [params.q]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ q: draft.trim() });
  };
  const active = activeFilterCount(params);
  const choose = (key: "topic" | "sizeClass" | "phase" | "criteria", values: readonly string[], raw: string) => {
    const patch: Record<string, string | undefined> = { [key]: values.includes(raw) ? raw : undefined };
    onChange(patch);
  };

  return (
    <form className="filters practice-filters" role="search" aria-label={t("list.filters")} onSubmit={submit}>
      <Field
        id={`${id}-q`}
        className="field--search"
        label={t("list.search")}
        hint={t("list.searchHint")}
        type="search"
        value={draft}
        maxLength={MAX_SEARCH_LENGTH}
        autoComplete="off"
        onChange={(event) => setDraft(event.target.value)}
        action={
          <button type="submit" className="button">
            {t("list.searchButton")}
          </button>
        }
      />
      <SelectField id={`${id}-topic`} label={t("list.topic")} value={params.topic ?? ""} onChange={(event) => choose("topic", PRACTICE_TOPICS, event.target.value)}>
        <option value="">{t("list.any")}</option>
        {PRACTICE_TOPICS.map((topic) => (
          <option key={topic} value={topic}>
            {t(`topic.${topic}`)}
          </option>
        ))}
      </SelectField>
      <DistrictSelect
        id={`${id}-district`}
        label={t("list.district")}
        emptyLabel={t("list.any")}
        value={params.district ?? ""}
        onChange={(event) => onChange({ district: event.target.value === "" ? undefined : event.target.value })}
      />
      <SelectField
        id={`${id}-size`}
        label={t("list.sizeClass")}
        value={params.sizeClass ?? ""}
        onChange={(event) =>
          choose(
            "sizeClass",
            SIZE_CLASSES.map((sizeClass) => sizeClass.key),
            event.target.value,
          )
        }
      >
        <option value="">{t("list.any")}</option>
        {SIZE_CLASSES.map((sizeClass) => (
          <option key={sizeClass.key} value={sizeClass.key}>
            {t(`sizeClass.${sizeClass.key}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id={`${id}-phase`} label={t("list.phase")} value={params.phase ?? ""} onChange={(event) => choose("phase", PRACTICE_PHASES, event.target.value)}>
        <option value="">{t("list.any")}</option>
        {PRACTICE_PHASES.map((phase) => (
          <option key={phase} value={phase}>
            {t(`phase.${phase}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id={`${id}-criteria`} label={t("list.criteria")} value={params.criteria ?? ""} onChange={(event) => choose("criteria", PRACTICE_CRITERIA, event.target.value)}>
        <option value="">{t("list.any")}</option>
        {PRACTICE_CRITERIA.map((criterion) => (
          <option key={criterion} value={criterion}>
            {t(`criterion.${criterion}`)}
          </option>
        ))}
      </SelectField>
      <CheckboxField id={`${id}-adopted`} label={t("list.adopted")} checked={params.adopted} onChange={(event) => onChange({ adopted: event.target.checked })} />
      {active > 0 ? (
        <p className="practice-filters__active">
          {t("list.activeFilters", { count: active })}{" "}
          <button type="button" className="button button--secondary" onClick={onReset}>
            {t("list.reset")}
          </button>
        </p>
      ) : null}
    </form>
  );
}
