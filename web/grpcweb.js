// A minimal gRPC-web client for the browser: protobuf wire encoding for the few messages the page
// uses, the gRPC-web framing, and server-streaming read from fetch()'s body as it arrives.
// (Other teams would generate this with protoc-gen-grpc-web; the page stays dependency-free.)

const enc = new TextEncoder();
const dec = new TextDecoder();

function varint(n) {
  const out = [];
  let v = BigInt(n);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
}

// fields: [[number, "string"|"enum", value], ...]
export function encode(fields) {
  const bytes = [];
  for (const [num, kind, value] of fields) {
    if (value === undefined || value === "" || value === 0) continue;
    if (kind === "string") {
      const data = enc.encode(value);
      bytes.push(...varint((num << 3) | 2), ...varint(data.length), ...data);
    } else {
      bytes.push(...varint((num << 3) | 0), ...varint(value));
    }
  }
  return new Uint8Array(bytes);
}

// Decodes one message level: {fieldNumber: [values]} with bytes for length-delimited fields.
export function decode(buf) {
  const out = {};
  let i = 0;
  const readVarint = () => {
    let result = 0n, shift = 0n, b;
    do { b = buf[i++]; result |= BigInt(b & 0x7f) << shift; shift += 7n; } while (b & 0x80);
    return result;
  };
  while (i < buf.length) {
    const key = Number(readVarint());
    const num = key >> 3, wire = key & 7;
    let value;
    if (wire === 0) value = readVarint();
    else if (wire === 1) { value = new DataView(buf.buffer, buf.byteOffset + i, 8).getFloat64(0, true); i += 8; }
    else if (wire === 2) { const len = Number(readVarint()); value = buf.subarray(i, i + len); i += len; }
    else if (wire === 5) { value = new DataView(buf.buffer, buf.byteOffset + i, 4).getFloat32(0, true); i += 4; }
    else throw new Error(`unsupported wire type ${wire}`);
    (out[num] ||= []).push(value);
  }
  return out;
}

export const text = (bytes) => (bytes ? dec.decode(bytes) : "");

function frame(message) {
  const out = new Uint8Array(5 + message.length);
  new DataView(out.buffer).setUint32(1, message.length);
  out.set(message, 5);
  return out;
}

export class GrpcWebError extends Error {
  constructor(code, message) { super(`${code}: ${message}`); this.code = code; }
}

// Calls `path` and invokes onMessage(bytes) for each response message as it arrives.
export async function call(base, path, message, { token, onMessage } = {}) {
  const headers = { "content-type": "application/grpc-web+proto", "x-grpc-web": "1" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(base + path, { method: "POST", headers, body: frame(message) });
  const reader = response.body.getReader();
  let pending = new Uint8Array(0);
  let trailers = {};
  for (;;) {
    const { value, done } = await reader.read();
    if (value) {
      const merged = new Uint8Array(pending.length + value.length);
      merged.set(pending); merged.set(value, pending.length);
      pending = merged;
      while (pending.length >= 5) {
        const len = new DataView(pending.buffer, pending.byteOffset + 1, 4).getUint32(0);
        if (pending.length < 5 + len) break;
        const flag = pending[0];
        const body = pending.subarray(5, 5 + len);
        if (flag & 0x80) {
          for (const line of dec.decode(body).split("\r\n")) {
            const at = line.indexOf(":");
            if (at > 0) trailers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
          }
        } else if (onMessage) {
          onMessage(body.slice());
        }
        pending = pending.subarray(5 + len);
      }
    }
    if (done) break;
  }
  const status = trailers["grpc-status"] ?? response.headers.get("grpc-status") ?? "0";
  if (status !== "0") {
    const msg = decodeURIComponent(trailers["grpc-message"] ?? response.headers.get("grpc-message") ?? "");
    throw new GrpcWebError(Number(status), msg);
  }
}
