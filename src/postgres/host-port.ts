export interface HostPort {
  host: string;
  port: number;
}

/** `host:5432`, `[::1]:5432`, `host` (port 5432): the forms OpenMetadata's hostPort takes. */
export function parseHostPort(hostPort: string): HostPort | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  const plain = bracketed ? undefined : /^([^:\s/]+)(?::(\d+))?$/.exec(hostPort);
  const match = bracketed ?? plain;
  if (!match) return undefined;
  const port = match[2] ? Number(match[2]) : 5432;
  // The range applies to both forms: `[::1]:99999` is no more a port than `host:99999`.
  if (port < 1 || port > 65535) return undefined;
  return { host: match[1], port };
}
