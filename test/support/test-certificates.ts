// Throwaway X.509 material for TLS tests, made with the openssl CLI in a folder of its own.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class TestCertificates {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'omgen-certs-'));

  file(name: string): string {
    return path.join(this.dir, name);
  }

  pem(name: string): string {
    return readFileSync(this.file(name), 'utf8');
  }

  private openssl(...args: string[]): void {
    execFileSync('openssl', args, { cwd: this.dir, stdio: 'pipe' });
  }

  /** A self-signed CA: `<name>.key`, `<name>.crt`. */
  makeCa(name: string): void {
    this.openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=omgen test ${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
    );
  }

  /** A leaf certificate signed by `ca`: `<name>.key`, `<name>.crt`; `extensions` in openssl's extfile syntax. */
  makeLeaf(name: string, cn: string, ca: string, extensions: string): void {
    writeFileSync(this.file(`${name}.ext`), extensions);
    this.openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', `${name}.key`, '-out', `${name}.csr`);
    this.openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${ca}.crt`,
      '-CAkey',
      `${ca}.key`,
      '-set_serial',
      String(Date.now()),
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.crt`,
    );
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
