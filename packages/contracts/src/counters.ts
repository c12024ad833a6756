import { z } from 'zod';

/** A desk citizens are called to; its name is what the waiting-room display shows ("3", "Schalter 3"). */
export const counter = z.object({ id: z.uuid(), name: z.string() });
export type Counter = z.infer<typeof counter>;

export const counterListResponse = z.object({ counters: z.array(counter) });
export type CounterList = z.infer<typeof counterListResponse>;
