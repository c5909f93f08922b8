import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, readdir, realpath, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { IMAGE_UID } from '../kubernetes.js';

const run = promisify(execFile);

/** Every file of the assembled base gets this modification time, so its layer is reproducible. */
const FIXED_MTIME = new Date('2026-01-01T00:00:00Z');

/** The CA bundle the binary trusts for HTTPS (Debian's `ca-certificates`). */
const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/** What {@link assembleBaseContext} produced. */
export interface BaseContext {
  /** The build context: `Dockerfile`, `rootfs/`, `data/`. */
  dir: string;
  /** `package=version` of each Debian package a file was taken from, sorted. */
  packages: string[];
}

/** The shared libraries and the ELF interpreter `binary` loads, as `ldd` resolves them here. */
export async function sharedLibraries(binary: string): Promise<string[]> {
  const { stdout } = await run('ldd', [binary]);
  const paths = stdout
    .split('\n')
    .map((line) => /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line)?.[1])
    .filter((path): path is string => path !== undefined);
  return [...new Set(paths)].sort();
}

/**
 * `package=version` for the Debian packages that own `files` (followed through symlinks, also
 * under `/usr` on a merged-/usr system). Generated files no package owns (the CA bundle) are
 * left out: `dpkg -S` still prints the owners it found.
 */
async function owningPackages(files: string[]): Promise<string[]> {
  const candidates = new Set<string>();
  for (const file of files) {
    const real = await realpath(file);
    for (const path of [file, real]) {
      candidates.add(path);
      if (!path.startsWith('/usr/')) candidates.add(`/usr${path}`);
    }
  }
  let stdout: string;
  try {
    ({ stdout } = await run('dpkg', ['-S', ...candidates]));
  } catch (error) {
    stdout = (error as { stdout?: string }).stdout ?? '';
  }
  const names = new Set(
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(':')[0] ?? '')
      .filter((name) => name !== '' && !name.includes(' ')),
  );
  const { stdout: versions } = await run('dpkg-query', ['-W', '-f', '${Package}=${Version}\\n', ...names]);
  return versions.split('\n').filter(Boolean).sort();
}

/** Sets the fixed modification time on a tree, deepest first. */
async function pinTimes(path: string): Promise<void> {
  if ((await stat(path)).isDirectory()) {
    for (const entry of await readdir(path)) await pinTimes(join(path, entry));
  }
  await utimes(path, FIXED_MTIME, FIXED_MTIME);
}

const PASSWD = `root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:${IMAGE_UID}:${IMAGE_UID}:nonroot:/home/nonroot:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n`;
const GROUP = `root:x:0:\nnonroot:x:${IMAGE_UID}:\nnobody:x:65534:\n`;

/**
 * Assembles, from this machine's Debian files, the same kind of base the connector's
 * Dockerfile names for real builds (distroless `cc`): glibc, libstdc++ and libgcc as the
 * binary loads them, the CA bundle, `/etc/passwd` with the numeric user 65532, an empty `/tmp`
 * and a `/data` owned by that user. Nothing is pulled from a registry; the Debian package
 * versions are recorded in the image.
 */
export async function assembleBaseContext(binary: string, dir: string): Promise<BaseContext> {
  const rootfs = join(dir, 'rootfs');
  const files = [...(await sharedLibraries(binary)), CA_BUNDLE];
  for (const file of files) {
    await mkdir(join(rootfs, dirname(file)), { recursive: true });
    await copyFile(file, join(rootfs, file));
  }
  const packages = await owningPackages(files);
  await mkdir(join(rootfs, 'etc'), { recursive: true });
  await writeFile(join(rootfs, 'etc/passwd'), PASSWD);
  await writeFile(join(rootfs, 'etc/group'), GROUP);
  await mkdir(join(rootfs, 'usr/share/c1-base'), { recursive: true });
  await writeFile(join(rootfs, 'usr/share/c1-base/packages.txt'), `${packages.join('\n')}\n`);
  await mkdir(join(rootfs, 'tmp'), { recursive: true });
  await chmod(join(rootfs, 'tmp'), 0o1777);
  await mkdir(join(dir, 'data'), { recursive: true });
  await writeFile(
    join(dir, 'Dockerfile'),
    `FROM scratch\nCOPY rootfs/ /\nCOPY --chown=${IMAGE_UID}:${IMAGE_UID} data/ /data/\nLABEL org.opencontainers.image.description="glibc, libstdc++, CA bundle and user ${IMAGE_UID} from ${packages.join(' ')}"\n`,
  );
  await pinTimes(dir);
  return { dir, packages };
}
