import { Campaigns } from "./campaigns";
import { Outbox } from "./outbox";
import { PendingReviews } from "./pending-reviews";
import { SendForm } from "./send-form";

/** /beratungen/anfragen: send update requests, follow the campaigns, review answers, read the outbox. */
export function UpdateRequestsView() {
  return (
    <>
      <PendingReviews />
      <SendForm />
      <Campaigns />
      <Outbox />
    </>
  );
}
