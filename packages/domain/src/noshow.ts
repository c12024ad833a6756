import { createHmac } from 'node:crypto';
import { ValidationError } from './errors';
import { localMinutesOf, localWeekdayOf } from './zoned-time';

export type ScoreBand = 'green' | 'yellow' | 'red';

export type NoShowFactorCode = 'SHORT_NOTICE' | 'EARLY_MORNING' | 'MONDAY_OR_FRIDAY' | 'RARELY_USED_SERVICE' | 'OWN_HISTORY' | 'MIDWEEK';

export interface NoShowFactor {
  code: NoShowFactorCode;
  points: number;
}

export interface NoShowInput {
  bookedAt: Date;
  startsAt: Date;
  /** IANA zone of the location; weekday and time of day are judged there. */
  timezone: string;
  serviceRarelyUsed: boolean;
  /** The citizen's earlier appointments (matched by contact hash) and how many they missed. */
  history: { past: number; noShows: number };
}

export interface NoShowResult {
  score: number;
  band: ScoreBand;
  /** Only the factors that applied, in the order of the scoring table. */
  factors: NoShowFactor[];
}

export const NO_SHOW_POINTS = {
  SHORT_NOTICE: 20,
  EARLY_MORNING: 15,
  MONDAY_OR_FRIDAY: 10,
  RARELY_USED_SERVICE: 10,
  OWN_HISTORY_MAX: 25,
  MIDWEEK: -5,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;
const EARLY_MORNING_BEFORE_MINUTES = 9 * 60;

/** A service is rarely used when it had fewer than 20 % of the average bookings per service. */
export function isRarelyUsed(serviceBookingsLast90d: number, avgBookingsPerService: number): boolean {
  if (!(avgBookingsPerService > 0)) return false;
  return serviceBookingsLast90d < 0.2 * avgBookingsPerService;
}

function historyPoints({ past, noShows }: { past: number; noShows: number }): number {
  if (!Number.isFinite(past) || !Number.isFinite(noShows) || past < 0 || noShows < 0) {
    throw new ValidationError([{ field: 'history', code: 'invalid_history' }]);
  }
  if (past === 0) return 0;
  return Math.round((NO_SHOW_POINTS.OWN_HISTORY_MAX * Math.min(noShows, past)) / past);
}

export function scoreBand(score: number): ScoreBand {
  if (score <= 30) return 'green';
  if (score <= 60) return 'yellow';
  return 'red';
}

export function noShowScore(input: NoShowInput): NoShowResult {
  const factors: NoShowFactor[] = [];
  const add = (code: NoShowFactorCode, points: number) => {
    if (points !== 0) factors.push({ code, points });
  };

  if (input.startsAt.getTime() - input.bookedAt.getTime() < DAY_MS) {
    add('SHORT_NOTICE', NO_SHOW_POINTS.SHORT_NOTICE);
  }
  if (localMinutesOf(input.startsAt, input.timezone) < EARLY_MORNING_BEFORE_MINUTES) {
    add('EARLY_MORNING', NO_SHOW_POINTS.EARLY_MORNING);
  }
  const weekday = localWeekdayOf(input.startsAt, input.timezone);
  if (weekday === 1 || weekday === 5) add('MONDAY_OR_FRIDAY', NO_SHOW_POINTS.MONDAY_OR_FRIDAY);
  if (input.serviceRarelyUsed) add('RARELY_USED_SERVICE', NO_SHOW_POINTS.RARELY_USED_SERVICE);
  add('OWN_HISTORY', historyPoints(input.history));
  if (weekday >= 2 && weekday <= 4) add('MIDWEEK', NO_SHOW_POINTS.MIDWEEK);

  const raw = factors.reduce((sum, f) => sum + f.points, 0);
  const score = Math.min(100, Math.max(0, raw));
  return { score, band: scoreBand(score), factors };
}

/** Google's two domains for the same mailboxes. */
const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * One mailbox, one form, so the per-contact limit and the no-show history cannot be dodged with
 * variants of the same address: trimmed and lower-cased, a `+tag` after the local part dropped, and
 * for Gmail the dots of the local part dropped and googlemail.com read as gmail.com. Rules in SECURITY.md.
 */
export function normaliseEmail(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0) return lower;
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.replaceAll('.', '');
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
}

/** The form before the rules above (trimmed, lower-cased): bookings made before them were hashed so. */
export function legacyNormaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * German-centred E.164-like form: "0171 234-56 78" and "+49 (0)171 2345678" both become
 * "+491712345678", so the same person is recognised however they typed the number.
 */
export function normalisePhone(phone: string): string {
  let p = phone
    .trim()
    .replace(/\(0\)/g, '')
    .replace(/[\s\-()/.]/g, '');
  if (p.startsWith('00')) p = `+${p.slice(2)}`;
  else if (p.startsWith('0')) p = `+49${p.slice(1)}`;
  return p;
}

/**
 * Pseudonymous key for the no-show history: lets us count a citizen's missed appointments without
 * storing who they are. The secret keeps the hash from being reversed by hashing known contacts.
 */
export function contactHash(secret: string, contact: string): string {
  if (!secret) throw new ValidationError([{ field: 'secret', code: 'required' }]);
  const normalised = contact.includes('@') ? normaliseEmail(contact) : normalisePhone(contact);
  if (!normalised) throw new ValidationError([{ field: 'contact', code: 'required' }]);
  return createHmac('sha256', secret).update(normalised, 'utf8').digest('hex');
}
