import type { MunicipalityDetail, SessionUser } from "@insek/contracts";
import { useState } from "react";
import { ConfirmRecord } from "./confirm-record";
import { type RecordBase, RecordUpdateForm } from "./record-update-form";

/**
 * The writer's part of a municipality page: "Stand ist weiterhin korrekt" and the update form, sharing the
 * version they build on. It starts at the version loaded and moves on with every own write (a confirmation,
 * a change, a correction), so the next write never meets its own previous one as "someone else's change";
 * a change by someone else still answers 412 with the conflict shown.
 */
export function RecordWrites({ municipality, user }: { municipality: MunicipalityDetail; user: SessionUser }) {
  const [base, setBase] = useState<RecordBase>({ status: municipality.record.status, version: municipality.version });
  // A confirmation confirms what the page shows: the loaded record, unless the user's own write is newer.
  const confirmVersion = Math.max(base.version, municipality.version);
  return (
    <>
      <ConfirmRecord
        municipality={municipality}
        version={confirmVersion}
        onConfirmed={(version) => setBase({ status: confirmVersion === base.version ? base.status : municipality.record.status, version })}
      />
      <RecordUpdateForm municipality={municipality} user={user} base={base} onWritten={setBase} />
    </>
  );
}
