// The LearnFlow student page: log in, ask (with optional code), watch the answer stream in.
import { call, decode, encode, text } from "./grpcweb.js";

const params = new URLSearchParams(location.search);
const base = params.get("envoy") || "http://127.0.0.1:8080";
const $ = (id) => document.getElementById(id);
let token = null;

const AGENTS = { 2: "concepts", 3: "code-review", 4: "debug", 5: "exercise", 6: "progress" };

$("login").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("status").textContent = "Logging in...";
  try {
    await call(base, "/learnflow.v1.IdentityService/Login",
      encode([[1, "string", $("email").value], [2, "string", $("password").value]]), {
        onMessage: (bytes) => {
          const tokens = decode(decode(bytes)[1][0]);  // LoginResponse.tokens -> TokenPair
          token = text(tokens[1][0]);                   // TokenPair.access_token
        },
      });
    $("status").textContent = "Logged in.";
    $("ask").hidden = false;
  } catch (err) {
    $("status").textContent = `Login failed (${err.message})`;
  }
});

$("ask").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("answer").textContent = "";
  $("routing").textContent = "";
  $("done").textContent = "";
  const code = $("code").value;
  const request = encode([[1, "string", $("question").value], [2, "string", code], [3, "enum", code ? 1 : 0]]);
  let chunks = 0;
  try {
    await call(base, "/learnflow.v1.TriageService/AskStream", request, {
      token,
      onMessage: (bytes) => {
        const evt = decode(bytes);
        if (evt[1]) {                       // routing decision
          const r = decode(evt[1][0]);
          $("routing").textContent = `Routed to the ${AGENTS[Number(r[2]?.[0] ?? 0)]} agent ` +
            `(confidence ${(r[3]?.[0] ?? 0).toFixed(2)})`;
        } else if (evt[2]) {                // a chunk of the answer
          chunks += 1;
          $("answer").textContent += text(evt[2][0]);
        } else if (evt[3]) {                // the final record
          const final = decode(evt[3][0]);
          const query = decode(final[1][0]);
          $("done").textContent = `Answered in ${chunks} chunks. Query ${text(query[1][0])}`;
        }
      },
    });
  } catch (err) {
    $("done").textContent = `Error ${err.message}`;
  }
});
