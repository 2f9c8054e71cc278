// Ctrl-C for long commands: the first stops starting new work (finished work stays written and the
// command ends normally), a second quits at once.
export interface Interrupt {
  signal: AbortSignal;
  /** Removes the handler (call in `finally`). */
  dispose(): void;
}

export function stopOnInterrupt(inFlight = "the calls in flight"): Interrupt {
  const ctrl = new AbortController();
  const onSigint = () => {
    if (ctrl.signal.aborted) process.exit(130);
    console.error(`\ninterrupt: finishing ${inFlight}, then stopping (Ctrl-C again to quit at once)`);
    ctrl.abort();
  };
  process.on("SIGINT", onSigint);
  return { signal: ctrl.signal, dispose: () => process.off("SIGINT", onSigint) };
}
