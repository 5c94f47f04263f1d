import type { formsDe } from "./forms.de";

type Texts<T> = { readonly [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

export const formsEn: Texts<typeof formsDe> = {
  date: {
    format: "Format: DD.MM.YYYY, e.g. 31.12.2024",
    invalid: "Please enter the date as DD.MM.YYYY, e.g. 31.12.2024.",
    outOfRange: "Please enter a date from {{min}} to {{max}}.",
  },
};
