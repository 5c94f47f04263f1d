import type { ComponentProps } from "react";
import { useDistricts } from "../../lib/api/get-districts";
import { SelectField } from "./field";

/** A select of Saxony's districts (keys as values), with an empty first option worded by `emptyLabel`. */
export function DistrictSelect({ emptyLabel, ...props }: Omit<ComponentProps<typeof SelectField>, "children"> & { emptyLabel: string }) {
  const districts = useDistricts();
  return (
    <SelectField {...props}>
      <option value="">{emptyLabel}</option>
      {districts.data?.items.map((district) => (
        <option key={district.key} value={district.key}>
          {district.name}
        </option>
      ))}
    </SelectField>
  );
}
