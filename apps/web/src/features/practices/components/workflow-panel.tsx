import type { PracticeAction, PracticeDetail } from "@insek/contracts";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TextareaField } from "../../../components/form/field";
import { ApiError } from "../../../lib/api-client";
import { paths } from "../../../lib/paths";
import { type WorkflowAction, useWorkflowStep } from "../api";
import { errorText } from "../practice-errors";
import { PracticeStateBadge } from "./practice-badges";

/**
 * The entry's workflow for those related to it: its state, the editors' return comment, and the steps the
 * workflow table allows this account (submit, publish, return with a comment, withdraw after confirming, edit).
 */
export function WorkflowPanel({ practice, actions }: { practice: PracticeDetail; actions: readonly PracticeAction[] }) {
  const { t } = useTranslation("practices");
  const id = useId();
  const step = useWorkflowStep();
  const [mode, setMode] = useState<"return" | "withdraw" | null>(null);
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | undefined>();
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  const revisionState = practice.revision?.state ?? null;
  const returnComment = practice.revision?.returnComment ?? practice.returnComment;
  const run = (action: WorkflowAction, text?: string) => {
    setMessage(null);
    step.mutate(
      { id: practice.id, action, ...(text !== undefined ? { comment: text } : {}) },
      {
        onSuccess: () => {
          setMode(null);
          setComment("");
          setMessage({ kind: "success", text: t(`workflow.done.${action}`) });
        },
        onError: (error) => setMessage({ kind: "error", text: errorText(t, error instanceof ApiError ? error.code : null, t("common.failed", { message: error.message })) }),
      },
    );
  };
  const steps = actions.filter((action): action is WorkflowAction => action !== "edit");

  return (
    <section className="practice-workflow" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("workflow.heading")}</h2>
      <p>
        <PracticeStateBadge state={practice.state} revisionState={revisionState} />
      </p>
      {revisionState ? <p className="notice">{t("detail.revisionNotice", { state: t(`revisionState.${revisionState}`) })}</p> : null}
      {returnComment && (practice.state === "returned" || revisionState === "returned") ? (
        <div className="notice notice--warning practice-return-comment">
          <p>
            <strong>{t("workflow.returnComment")}:</strong>
          </p>
          <p className="pre-line">{returnComment}</p>
        </div>
      ) : null}
      {message ? (
        <p className={`notice notice--${message.kind}`} role={message.kind === "error" ? "alert" : "status"} tabIndex={-1} ref={messageRef}>
          {message.text}
        </p>
      ) : null}
      {actions.length > 0 ? (
        <ul className="plain-list button-row">
          {actions.includes("edit") ? (
            <li>
              <Link className="button button--secondary" to={paths.practiceEdit(practice.id)}>
                {t("detail.edit")}
              </Link>
            </li>
          ) : null}
          {steps.map((action) => (
            <li key={action}>
              <button
                type="button"
                className={action === "withdraw" || action === "return" ? "button button--secondary" : "button"}
                disabled={step.isPending}
                aria-expanded={action === "return" || action === "withdraw" ? mode === action : undefined}
                onClick={() => (action === "return" || action === "withdraw" ? setMode(mode === action ? null : action) : run(action))}
              >
                {t(`workflow.${action}`)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {mode === "return" ? (
        <form
          className="stack-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (comment.trim() === "") {
              setCommentError(t("workflow.commentRequired"));
              // The field, described by its error, takes focus: a screen reader reads both.
              document.getElementById(`${id}-comment`)?.focus();
              return;
            }
            setCommentError(undefined);
            run("return", comment.trim());
          }}
        >
          <TextareaField
            id={`${id}-comment`}
            label={t("workflow.returnCommentLabel")}
            error={commentError}
            rows={4}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
          <div className="button-row">
            <button type="submit" className="button" disabled={step.isPending}>
              {t("workflow.returnSend")}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setMode(null)}>
              {t("workflow.cancel")}
            </button>
          </div>
        </form>
      ) : null}
      {mode === "withdraw" ? (
        <div className="notice notice--warning" role="group" aria-labelledby={`${id}-withdraw`}>
          <p id={`${id}-withdraw`}>{t("workflow.withdrawConfirm")}</p>
          <div className="button-row">
            <button type="button" className="button" disabled={step.isPending} onClick={() => run("withdraw")}>
              {t("workflow.withdrawYes")}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setMode(null)}>
              {t("workflow.cancel")}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
