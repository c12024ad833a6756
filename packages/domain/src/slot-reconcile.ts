export interface ExistingSlot<Id = string> {
  id: Id;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  /** Active bookings (not cancelled) on this slot. */
  booked: number;
}

export interface WantedSlot {
  startsAt: Date;
  endsAt: Date;
  capacity: number;
}

export interface OrphanedSlot<Id = string> {
  id: Id;
  startsAt: Date;
  endsAt: Date;
  booked: number;
}

export interface SlotReconciliation<Id = string> {
  create: WantedSlot[];
  update: { id: Id; capacity: number }[];
  remove: Id[];
  /** Booked slots the rules no longer produce: kept, filled up, for staff to look at. */
  orphaned: OrphanedSlot<Id>[];
}

const keyOf = (s: { startsAt: Date; endsAt: Date }) => `${s.startsAt.getTime()}/${s.endsAt.getTime()}`;

const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) =>
  a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();

/**
 * What to change in the stored slots so they match freshly generated ones, without ever losing a
 * booking:
 * - a slot with bookings is never removed and its capacity never drops below its bookings;
 * - a booked slot the rules no longer produce stays, with capacity = bookings (so it takes no new
 *   ones), and is reported in `orphaned`;
 * - the counters an orphaned slot's bookings occupy are taken off the capacity of new slots that
 *   overlap it, so one counter is not offered twice for the same time (a slot left with no
 *   capacity is not created);
 * - a slot generated twice counts once, with the larger capacity.
 */
export function reconcileSlots<Id>(existing: ExistingSlot<Id>[], generated: WantedSlot[]): SlotReconciliation<Id> {
  const wanted = new Map<string, WantedSlot>();
  for (const slot of generated) {
    const key = keyOf(slot);
    const seen = wanted.get(key);
    if (!seen || slot.capacity > seen.capacity) wanted.set(key, slot);
  }

  const matched = new Map<string, ExistingSlot<Id>>();
  const unmatched: ExistingSlot<Id>[] = [];
  for (const slot of existing) {
    const key = keyOf(slot);
    if (wanted.has(key) && !matched.has(key)) matched.set(key, slot);
    else unmatched.push(slot);
  }

  const result: SlotReconciliation<Id> = { create: [], update: [], remove: [], orphaned: [] };
  const orphans = unmatched.filter((s) => s.booked > 0);
  for (const slot of unmatched) {
    if (slot.booked > 0) {
      result.orphaned.push({ id: slot.id, startsAt: slot.startsAt, endsAt: slot.endsAt, booked: slot.booked });
      if (slot.capacity !== slot.booked) result.update.push({ id: slot.id, capacity: slot.booked });
    } else {
      result.remove.push(slot.id);
    }
  }

  for (const [key, slot] of wanted) {
    const taken = orphans.filter((o) => overlaps(o, slot)).reduce((sum, o) => sum + o.booked, 0);
    const free = Math.max(0, slot.capacity - taken);
    const current = matched.get(key);
    if (current) {
      const capacity = Math.max(free, current.booked);
      if (capacity !== current.capacity) result.update.push({ id: current.id, capacity });
    } else if (free > 0) {
      result.create.push({ startsAt: slot.startsAt, endsAt: slot.endsAt, capacity: free });
    }
  }

  result.create.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return result;
}
