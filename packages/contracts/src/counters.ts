import { z } from 'zod';

/** A desk citizens are called to; its name is what the waiting-room display shows ("3", "Schalter 3"). */
export const counterState = z.enum(['open', 'paused', 'closed']);
export type CounterState = z.infer<typeof counterState>;

/** `state`: open, on a short break, or closed by the clerk for the rest of the day (nobody is called to it). */
export const counter = z.object({ id: z.uuid(), name: z.string(), state: counterState });
export type Counter = z.infer<typeof counter>;

export const counterListResponse = z.object({ counters: z.array(counter) });
export type CounterList = z.infer<typeof counterListResponse>;

export const counterIdParams = z.object({ locationId: z.uuid(), counterId: z.uuid() });
export const counterStateBody = z.strictObject({ state: counterState });
export const counterResponse = z.object({ counter });
