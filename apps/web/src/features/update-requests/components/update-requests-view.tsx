import { Campaigns } from "./campaigns";
import { Outbox } from "./outbox";
import { PendingReviews } from "./pending-reviews";
import type { PickedMunicipality } from "../../../components/municipality-picker";
import { SendForm } from "./send-form";

/** /beratungen/anfragen: send update requests, follow the campaigns, review answers, read the outbox. */
export function UpdateRequestsView({ prefill }: { prefill?: PickedMunicipality[] } = {}) {
  return (
    <>
      <PendingReviews />
      <SendForm key={prefill?.map((m) => m.ags).join(",") ?? ""} prefill={prefill} />
      <Campaigns />
      <Outbox />
    </>
  );
}
