// The registry this project installs from serves only some platform builds of the Supabase CLI, and npm leaves the
// rest out of package-lock.json, which makes `npm ci` refuse the lockfile. This records those platform packages as
// optional, platform-bound entries (never fetched on another platform), as npm itself does where they are served.
// Run after `npm install` changes the lockfile: node scripts/lock-optional-platforms.mjs
import fs from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const platforms = {
  'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'linux-arm64': { os: ['linux'], cpu: ['arm64'], libc: ['glibc'] },
  'linux-arm64-musl': { os: ['linux'], cpu: ['arm64'], libc: ['musl'] },
  'linux-x64': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
  'linux-x64-musl': { os: ['linux'], cpu: ['x64'], libc: ['musl'] },
  'windows-arm64': { os: ['win32'], cpu: ['arm64'] },
  'windows-x64': { os: ['win32'], cpu: ['x64'] },
};
const cli = lock.packages['node_modules/supabase'];
let added = 0;
for (const [name, version] of Object.entries(cli?.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const platform = platforms[name.replace('@supabase/cli-', '')];
  if (!platform) continue;
  lock.packages[key] = { version, ...platform, dev: true, license: 'MIT', optional: true };
  added++;
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: recorded ${added} optional platform package(s)`);
