export interface HostPort {
  host: string;
  port: number;
}

/** `host:5432`, `[::1]:5432`, `host` (port 5432): the forms OpenMetadata's hostPort takes. */
export function parseHostPort(hostPort: string): HostPort | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] ? Number(bracketed[2]) : 5432 };
  const plain = /^([^:\s/]+)(?::(\d+))?$/.exec(hostPort);
  if (!plain) return undefined;
  const port = plain[2] ? Number(plain[2]) : 5432;
  if (port < 1 || port > 65535) return undefined;
  return { host: plain[1], port };
}
