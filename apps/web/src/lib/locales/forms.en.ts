import type { formsDe } from "./forms.de";

type Texts<T> = { readonly [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

export const formsEn: Texts<typeof formsDe> = {
  date: {
    format: "Format: DD.MM.YYYY, e.g. 31.12.2024",
    invalid: "Please enter the date as DD.MM.YYYY, e.g. 31.12.2024.",
    outOfRange: "Please enter a date from {{min}} to {{max}}.",
  },
  correction: {
    offer: "Is the last entry wrong (status, date, document)?",
    start: "Correct the last entry",
    notice: "You are correcting the entry “{{status}}”, effective from {{date}}. The fields show it; change what is wrong. Once saved it no longer counts; the history keeps it, marked as corrected.",
    cancel: "Cancel the correction",
    submit: "Save the correction",
    saved: "Corrected. New record: version {{version}}.",
  },
};
