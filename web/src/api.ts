// Clients for every LearnFlow service over gRPC-web through Envoy (Connect-ES v2, generated descriptors).
import { createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { IdentityService } from "../../generated/ts/learnflow/v1/identity_service_pb";
import { TriageService } from "../../generated/ts/learnflow/v1/triage_service_pb";
import { ExerciseService } from "../../generated/ts/learnflow/v1/exercise_service_pb";
import { ProgressService } from "../../generated/ts/learnflow/v1/progress_service_pb";
import * as session from "./session";

export interface Api {
  identity: Client<typeof IdentityService>;
  triage: Client<typeof TriageService>;
  exercise: Client<typeof ExerciseService>;
  progress: Client<typeof ProgressService>;
}

export let api: Api;

const bearer: Interceptor = (next) => async (req) => {
  if (!req.url.endsWith("/Login") && !req.url.endsWith("/Register") && !req.url.endsWith("/Refresh")) {
    const token = await session.accessToken();
    if (token) req.header.set("authorization", `Bearer ${token}`);
  }
  return next(req);
};

export function connect(envoyUrl: string): void {
  const transport = createGrpcWebTransport({ baseUrl: envoyUrl.replace(/\/$/, ""), interceptors: [bearer] });
  api = {
    identity: createClient(IdentityService, transport),
    triage: createClient(TriageService, transport),
    exercise: createClient(ExerciseService, transport),
    progress: createClient(ProgressService, transport),
  };
  session.setRefresher(async (refreshToken) => (await api.identity.refresh({ refreshToken })).tokens);
}

/** Where Envoy is: ?envoy=<url>, else the web server's /config.json, else port 8080 of this host. */
export async function envoyUrl(): Promise<string> {
  const param = new URLSearchParams(location.search).get("envoy");
  if (param) return param;
  try {
    const reply = await fetch("config.json", { cache: "no-store" });
    if (reply.ok) {
      const cfg = (await reply.json()) as { envoy?: string };
      if (cfg.envoy) return cfg.envoy;
    }
  } catch {
    /* served without the config endpoint */
  }
  return `${location.protocol}//${location.hostname}:8080`;
}
