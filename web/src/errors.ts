// Every error a person can cause, in plain words: gRPC status codes and their details (google.rpc
// BadRequest field violations, RetryInfo) mapped to text. Never a numeric code.
import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema, RetryInfoSchema } from "../../generated/ts/google/rpc/error_details_pb";

/** What the person was doing, for messages that depend on it. */
export type Action = "login" | "register" | "ask" | "submit" | "hint" | "rate" | "class" | "join" | "load" | "watch";

const FIELDS: Record<string, string> = {
  query_text: "your question",
  code_snippet: "your code",
  stdin: "the program input",
  email: "the e-mail address",
  password: "the password",
  name: "your name",
  code: "your code",
  rating: "the rating",
  comment: "the comment",
  join_code: "the class code",
  student_email: "the student's e-mail address",
  exercise_id: "the exercise",
  topic: "the topic",
};

function fieldName(path: string): string {
  const leaf = path.split(".").pop() ?? path;
  return FIELDS[leaf] ?? leaf.replace(/_/g, " ");
}

function seconds(err: ConnectError): number | null {
  const retry = err.findDetails(RetryInfoSchema)[0];
  if (retry?.retryDelay) return Math.max(1, Math.ceil(Number(retry.retryDelay.seconds) + retry.retryDelay.nanos / 1e9));
  const m = /retry in ([\d.]+) s/.exec(err.rawMessage);
  return m ? Math.max(1, Math.ceil(Number(m[1]))) : null;
}

export function friendly(error: unknown, action: Action = "load"): string {
  const err = ConnectError.from(error);
  const raw = err.rawMessage;
  switch (err.code) {
    case Code.InvalidArgument: {
      const violations = err.findDetails(BadRequestSchema).flatMap((d) => d.fieldViolations);
      if (violations.length) {
        return "Please check " + violations.map((v) => `${fieldName(v.field)}: it ${v.description}`).join("; ") + ".";
      }
      return "Some of what you entered isn't valid. Please check the form and try again.";
    }
    case Code.Unauthenticated:
      if (action === "login") return "That e-mail and password don't match an account. Check them and try again.";
      return "Your session has ended. Please log in again.";
    case Code.PermissionDenied:
      if (/inactive/.test(raw)) return "This account has been deactivated. Ask your teacher or an administrator.";
      if (/teacher/.test(raw)) return "Only teachers can do that.";
      return "You don't have access to that.";
    case Code.NotFound:
      if (action === "join") return "No class has that code. Check it with your teacher.";
      if (action === "class") return "That class couldn't be found (maybe it isn't yours).";
      if (action === "rate") return "That answer couldn't be found, so it can't be rated.";
      return "We couldn't find that. It may have been removed.";
    case Code.AlreadyExists:
      return action === "register" ? "An account with this e-mail already exists. Log in instead." : "That already exists.";
    case Code.ResourceExhausted: {
      const wait = seconds(err);
      const what = action === "login" ? "Too many failed logins." :
        action === "submit" ? "You've submitted a lot in a short time." : "You're going a little fast.";
      return `${what} Please wait${wait ? ` ${wait} second${wait === 1 ? "" : "s"}` : " a moment"} and try again.`;
    }
    case Code.FailedPrecondition:
      return "That can't be done right now. " + sentence(raw);
    case Code.DeadlineExceeded:
      return "That took too long to answer. Please try again.";
    case Code.Unavailable:
      return "LearnFlow can't be reached right now. Check your connection and try again in a moment.";
    case Code.Canceled:
      return "Stopped.";
    case Code.Unknown:
      if (/fetch|network|load failed/i.test(raw)) {
        return "LearnFlow can't be reached right now. Check your connection and try again in a moment.";
      }
      return "Something went wrong on our side. Please try again.";
    default:
      return "Something went wrong on our side. Please try again.";
  }
}

function sentence(text: string): string {
  const t = text.trim();
  return t ? t[0].toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? "" : ".") : "";
}

export function isAuthError(error: unknown): boolean {
  return ConnectError.from(error).code === Code.Unauthenticated;
}
