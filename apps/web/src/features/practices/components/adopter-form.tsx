import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { FieldError, TextareaField } from "../../../components/form/field";
import { type PickedMunicipality, MunicipalityPicker } from "../../../components/municipality-picker";
import { ApiError } from "../../../lib/api-client";
import { useAddAdopter } from "../api";
import { errorText } from "../practice-errors";

/** "Nachahmer erfassen": a municipality that adopted the solution, with an optional note. */
export function AdopterForm({ practiceId }: { practiceId: number }) {
  const { t } = useTranslation("practices");
  const id = useId();
  const add = useAddAdopter();
  const [picked, setPicked] = useState<PickedMunicipality[]>([]);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const [municipality] = picked;
    if (!municipality) {
      setError(t("adopters.required"));
      return;
    }
    setError(undefined);
    add.mutate(
      { id: practiceId, input: { ags: municipality.ags, note: note.trim() === "" ? null : note.trim() } },
      {
        onSuccess: (adopter) => {
          setPicked([]);
          setNote("");
          setSaved(t("adopters.saved", { name: adopter.name }));
        },
        onError: (failure) => setError(errorText(t, failure instanceof ApiError ? failure.code : null, t("common.failed", { message: failure.message }))),
      },
    );
  };

  return (
    <section className="practice-adopter-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("adopters.heading")}</h2>
      <p className="hint">{t("adopters.intro")}</p>
      {saved ? (
        <p className="notice notice--success" role="status">
          {saved}
        </p>
      ) : null}
      <form className="stack-form" noValidate onSubmit={onSubmit} aria-busy={add.isPending}>
        <div className={error ? "field field--invalid" : "field"}>
          <FieldError id={`${id}-ags`} error={error} />
          {error ? <span className="visually-hidden" role="alert">{error}</span> : null}
          <MunicipalityPicker
            inputId={`${id}-ags`}
            label={t("adopters.municipality")}
            value={picked}
            max={1}
            onChange={setPicked}
            invalid={error !== undefined}
            errorId={error ? `${id}-ags-error` : undefined}
          />
        </div>
        <TextareaField id={`${id}-note`} label={t("adopters.note")} rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
        <div>
          <button type="submit" className="button" disabled={add.isPending}>
            {t("adopters.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
