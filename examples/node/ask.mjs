// Calling LearnFlow from another language: Node.js with @grpc/grpc-js, loading the .proto contracts
// at run time (no code generation). Usage:
//   node ask.mjs <envoy host:port> <email> <password> "<question>" [code]
// Registers the account if needed, logs in, then streams an answer (routing, chunks, final record).
import grpc from "@grpc/grpc-js";
import protoLoader from "@grpc/proto-loader";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const protoRoot = path.resolve(here, "../../proto");
const definition = protoLoader.loadSync(
  ["learnflow/v1/identity_service.proto", "learnflow/v1/triage_service.proto"],
  { includeDirs: [protoRoot], keepCase: true, enums: String, longs: Number, defaults: true, oneofs: true },
);
const v1 = grpc.loadPackageDefinition(definition).learnflow.v1;

const [address, email, password, question, code = ""] = process.argv.slice(2);
const creds = grpc.credentials.createInsecure();
const identity = new v1.IdentityService(address, creds);
const triage = new v1.TriageService(address, creds);
const unary = (client, method, request, metadata = new grpc.Metadata()) =>
  new Promise((resolve, reject) => client[method](request, metadata, (err, reply) => (err ? reject(err) : resolve(reply))));

try {
  await unary(identity, "Register", { email, password, name: "Node Example" });
} catch (err) {
  if (err.code !== grpc.status.ALREADY_EXISTS) throw err;
}
const login = await unary(identity, "Login", { email, password });
const metadata = new grpc.Metadata();
metadata.set("authorization", `Bearer ${login.tokens.access_token}`);

const request = { query_text: question, code_snippet: code, language: code ? "CODE_LANGUAGE_PYTHON" : "CODE_LANGUAGE_UNSPECIFIED" };
const stream = triage.AskStream(request, metadata, { deadline: Date.now() + 30000 });
stream.on("data", (event) => {
  if (event.event === "routing") console.log(`ROUTED ${event.routing.routed_to_agent} ${event.routing.confidence}`);
  else if (event.event === "text_chunk") process.stdout.write(event.text_chunk);
  else if (event.event === "final") console.log(`\nFINAL ${event.final.query.query_id} ${event.final.response.claude_model}`);
});
stream.on("error", (err) => { console.error(`ERROR ${err.code} ${err.details}`); process.exit(1); });
stream.on("end", () => process.exit(0));
