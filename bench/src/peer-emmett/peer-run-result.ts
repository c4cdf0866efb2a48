/** What each side's runner process prints (one JSON line on stdout); the Emmett runner prints the same shape. */
export interface PhaseResult {
  commands: number;
  seconds: number;
  accepted: number;
  rejected: number;
}

export interface PeerRunResult {
  stack: string;
  sequential: PhaseResult;
  concurrent: PhaseResult & { inFlight: number };
  projection: { events: number; seconds: number; documents: number; lifetimeNet: number; orderCount: number };
}
