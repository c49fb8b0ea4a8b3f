// The signed-in person: tokens kept in localStorage (so a reload keeps you signed in) and the access
// token refreshed with the refresh token shortly before it expires.
import type { TokenPair } from "../../generated/ts/learnflow/v1/identity_service_pb";
import type { Student } from "../../generated/ts/learnflow/v1/entities_pb";
import { Role } from "../../generated/ts/learnflow/v1/enums_pb";
import { timestampMs } from "@bufbuild/protobuf/wkt";

const KEY = "learnflow.session";
const REFRESH_BEFORE_MS = 60_000;

export interface Saved {
  access: string;
  accessExp: number;      // epoch ms
  refresh: string;
  refreshExp: number;
  studentId: string;
  name: string;
  email: string;
  teacher: boolean;
}

type Refresher = (refreshToken: string) => Promise<TokenPair | undefined>;

let current: Saved | null = load();
let refresher: Refresher | null = null;
let inflight: Promise<string | null> | null = null;
let timer: number | undefined;
const listeners: ((s: Saved | null) => void)[] = [];

function load(): Saved | null {
  try {
    const raw = localStorage.getItem(KEY);
    const saved = raw ? (JSON.parse(raw) as Saved) : null;
    return saved && saved.refreshExp > Date.now() ? saved : null;
  } catch {
    return null;
  }
}

function store(next: Saved | null): void {
  current = next;
  if (next) localStorage.setItem(KEY, JSON.stringify(next));
  else localStorage.removeItem(KEY);
  schedule();
  for (const fn of listeners) fn(next);
}

export function onChange(fn: (s: Saved | null) => void): void {
  listeners.push(fn);
}

export function get(): Saved | null {
  return current;
}

export function setRefresher(fn: Refresher): void {
  refresher = fn;
  schedule();
}

export function signIn(tokens: TokenPair, student: Student): void {
  store({
    ...fromTokens(tokens),
    studentId: student.studentId,
    name: student.name,
    email: student.email,
    teacher: student.role === Role.TEACHER,
  });
}

export function signOut(): void {
  store(null);
}

function fromTokens(t: TokenPair) {
  return {
    access: t.accessToken,
    accessExp: t.accessExpiresAt ? timestampMs(t.accessExpiresAt) : Date.now() + 10 * 60_000,
    refresh: t.refreshToken,
    refreshExp: t.refreshExpiresAt ? timestampMs(t.refreshExpiresAt) : Date.now() + 24 * 3600_000,
  };
}

/** The access token to send, refreshed first when it is about to expire (one refresh at a time). */
export async function accessToken(): Promise<string | null> {
  if (!current) return null;
  if (current.accessExp - Date.now() > REFRESH_BEFORE_MS) return current.access;
  return refreshNow();
}

export function refreshNow(): Promise<string | null> {
  if (!inflight) {
    inflight = (async () => {
      const s = current;
      if (!s || !refresher) return s?.access ?? null;
      try {
        const tokens = await refresher(s.refresh);
        if (!tokens) throw new Error("no tokens");
        store({ ...s, ...fromTokens(tokens) });
        return current!.access;
      } catch {
        store(null);   // the refresh token was refused: sign in again
        return null;
      } finally {
        inflight = null;
      }
    })();
  }
  return inflight;
}

function schedule(): void {
  window.clearTimeout(timer);
  if (!current || !refresher) return;
  const wait = Math.max(1000, current.accessExp - Date.now() - REFRESH_BEFORE_MS);
  timer = window.setTimeout(() => void refreshNow(), Math.min(wait, 2 ** 31 - 1));
}
