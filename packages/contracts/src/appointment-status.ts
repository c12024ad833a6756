import { z } from 'zod';
import { APPOINTMENT_STATUSES } from '@termin/domain/appointment-state';

/** An appointment's status on the wire: the domain's one list of statuses. */
export const appointmentStatus = z.enum(APPOINTMENT_STATUSES);
