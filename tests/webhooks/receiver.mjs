// A webhook receiver for Godwit's tests. It verifies every request with the Standard Webhooks
// library, independently of Godwit's own code, once per configured secret, and records it.
// It prints its port on the first line of stdout. Control (loopback only, JSON):
//   POST /_control { "secrets": ["whsec_..."], "fail_first": n, "status": 200 } sets what it checks and answers:
//   the first n deliveries it receives after this call answer 500, then every one answers `status`.
//   GET /_received lists [{ id, timestamp, verified: [bool per secret], body }] in arrival order.
import http from "node:http";
import { Webhook } from "standardwebhooks";

let secrets = [];
let failFirst = 0;
let status = 200;
const received = [];

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function verifiedWith(secret, body, headers) {
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch {
    return false;
  }
}

const server = http.createServer(async (request, response) => {
  const body = await readBody(request);
  if (request.url === "/_control" && request.method === "POST") {
    const control = JSON.parse(body);
    secrets = control.secrets ?? secrets;
    failFirst = control.fail_first ?? 0;
    status = control.status ?? 200;
    response.writeHead(204).end();
    return;
  }

  if (request.url === "/_received") {
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(received));
    return;
  }

  const headers = {
    "webhook-id": request.headers["webhook-id"] ?? "",
    "webhook-timestamp": request.headers["webhook-timestamp"] ?? "",
    "webhook-signature": request.headers["webhook-signature"] ?? "",
  };
  received.push({
    id: headers["webhook-id"],
    timestamp: headers["webhook-timestamp"],
    signatures: headers["webhook-signature"].split(" ").filter((s) => s.length > 0).length,
    verified: secrets.map((secret) => verifiedWith(secret, body, headers)),
    path: request.url,
    body: JSON.parse(body),
  });
  const answer = failFirst > 0 ? 500 : status;
  failFirst = Math.max(0, failFirst - 1);
  response.writeHead(answer, { "content-type": "text/plain" }).end(answer === 200 ? "ok" : "receiver says no");
});

server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => {
  console.log(server.address().port);
});
