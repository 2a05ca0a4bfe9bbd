/**
 * The dev dock's "central API down / up" switch. The host that started the embedded sandbox
 * (demo configs, `approvalApi.baseUrl: "embedded"`) hands the service one of these; the
 * service never reaches into the sandbox itself. "Down" is real at the transport: the sandbox
 * stops listening and drops its connections, so the approval client meets refused connections
 * exactly as it would when the central platform is unreachable.
 */

export interface CentralApiSwitch {
  /** The URL the switch controls (the service's approval base URL). */
  readonly url: string;
  isDown(): boolean;
  /** Takes the API down (`true`) or brings it back on the same port (`false`). */
  setDown(down: boolean): Promise<void>;
}

/** What the host's sandbox offers (sandbox/server.ts `SandboxHandle`, structurally). */
export interface SwitchableApi {
  readonly url: string;
  isListening(): boolean;
  takeDown(): Promise<void>;
  bringUp(): Promise<void>;
}

/** A switch over an embedded sandbox; calls are serialised so a double tap cannot interleave. */
export function centralApiSwitch(api: SwitchableApi): CentralApiSwitch {
  let queue: Promise<void> = Promise.resolve();
  return {
    url: api.url,
    isDown: () => !api.isListening(),
    setDown(down) {
      const next = queue.then(() => (down ? api.takeDown() : api.bringUp()));
      // A failed step (the port was taken meanwhile) must not wedge later calls.
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
