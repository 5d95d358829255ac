// A circuit verification: an uploaded Wokwi diagram.json, KiCad netlist or circuit photo checked against the
// project's connections (the current wiring version). Stored as circuit_verifications/<chat_id>/verified_<ts>.json
// and summarised in the chat; each finding names the wiring step it breaks.
import { z } from 'zod';

export const wireEndSchema = z.object({ ref: z.string(), pin: z.string(), label: z.string() });
export const findingSchema = z.object({
  kind: z.enum(['missing', 'extra', 'swapped']),
  /** The wiring step the finding breaks (null: no step makes that wire, e.g. a wire to a pin the design leaves free). */
  step: z.number().int().positive().nullable(),
  stepTitle: z.string().nullable(),
  /** Sequence numbers of the project's wires concerned (two for a swap, none for an extra wire between free pins). */
  wires: z.array(z.number().int().positive()),
  ends: z.array(z.tuple([wireEndSchema, wireEndSchema])),
  message: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

export const circuitVerificationSchema = z.object({
  attachmentId: z.string().uuid(),
  filename: z.string(),
  format: z.enum(['wokwi', 'kicad', 'photo']),
  /** 'unreadable': the file is not a diagram/netlist we can parse; 'no-wiring': the project has no wiring yet. */
  status: z.enum(['matches', 'differs', 'unreadable', 'no-wiring']),
  reason: z.string().nullable(),
  wiringVersion: z.number().int().positive().nullable(),
  checkedAt: z.string(),
  method: z.enum(['offline', 'model']),
  model: z.string().nullable(),
  counts: z.object({
    expected: z.number().int().nonnegative(),
    matched: z.number().int().nonnegative(),
    missing: z.number().int().nonnegative(),
    extra: z.number().int().nonnegative(),
    swapped: z.number().int().nonnegative(),
  }),
  findings: z.array(findingSchema),
  /** Parts in the file that the project does not have, and project parts the file lacks. */
  unknownParts: z.array(z.string()),
  absentParts: z.array(z.string()),
  /** Netlist pins given by number that no shipped pin table names (left out of the nets, so not guessed). */
  unmappedPins: z.array(z.string()).default([]),
});
export type CircuitVerification = z.infer<typeof circuitVerificationSchema>;
