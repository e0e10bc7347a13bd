// npm packages that contain native addons, with why each matters for the base image. npm installs
// (or compiles) the binary for the libc of the machine that runs `npm ci`: a node_modules built on
// Debian (glibc) fails on Alpine (musl), and building on Alpine needs python3, make and g++.

export interface KnownNative {
  reason: string;
  /** A JS fallback exists: when only reachable as an optional dependency it is not a requirement. */
  hasFallback?: boolean;
}

export const NODE_NATIVE: Record<string, KnownNative> = {
  bcrypt: { reason: 'C++ addon via node-pre-gyp; its prebuilt binaries target glibc, elsewhere it compiles with node-gyp' },
  argon2: { reason: 'C addon shipped as prebuilt binaries per libc (node-gyp-build); a glibc build fails on musl' },
  canvas: { reason: 'binds Cairo, Pango, libjpeg and giflib; prebuilt binaries are for glibc, Alpine needs the -dev libraries to compile' },
  sharp: { reason: 'binds libvips; npm fetches the libvips binary for the libc it installs on, so glibc node_modules break on Alpine' },
  'better-sqlite3': { reason: 'C++ addon bundling SQLite (prebuild-install or node-gyp)' },
  sqlite3: { reason: 'C++ addon bundling SQLite (prebuild or node-gyp)' },
  'node-sass': { reason: 'binds LibSass; downloads a binary built for one libc (deprecated: use sass)' },
  re2: { reason: "C++ binding to Google's RE2 (downloads a prebuilt artifact or compiles)" },
  'cpu-features': { reason: 'C++ addon compiled with node-gyp', hasFallback: true },
  bufferutil: { reason: 'C addon for WebSocket masking', hasFallback: true },
  'utf-8-validate': { reason: 'C addon for UTF-8 validation', hasFallback: true },
  grpc: { reason: 'the old C-core gRPC binding (node-pre-gyp); @grpc/grpc-js is the pure-JS replacement' },
  kerberos: { reason: 'binds the system GSSAPI/Kerberos libraries' },
  'node-rdkafka': { reason: 'binds librdkafka, compiled at install' },
  zeromq: { reason: 'binds libzmq (prebuilt per platform and libc)' },
  oracledb: { reason: 'Thick mode loads Oracle Instant Client, which is built for glibc only' },
  libxmljs: { reason: 'binds libxml2, compiled with node-gyp' },
  libxmljs2: { reason: 'binds libxml2, compiled with node-gyp' },
  'node-pty': { reason: 'C++ addon compiled with node-gyp' },
  'isolated-vm': { reason: 'C++ addon against V8 internals, compiled with node-gyp' },
  '@tensorflow/tfjs-node': { reason: 'loads libtensorflow, distributed for glibc only' },
  deasync: { reason: 'C++ addon with prebuilt binaries per platform' },
  microtime: { reason: 'C++ addon compiled with node-gyp' },
  farmhash: { reason: 'C++ addon compiled with node-gyp' },
  leveldown: { reason: 'binds LevelDB (node-gyp-build prebuilds)' },
  'classic-level': { reason: 'binds LevelDB (node-gyp-build prebuilds)' },
  '@serialport/bindings-cpp': { reason: 'C++ serial-port addon (prebuilds per libc)' },
  usb: { reason: 'binds libusb (prebuilds per libc)' },
  'ffi-napi': { reason: 'binds libffi, compiled with node-gyp' },
  'ref-napi': { reason: 'C++ addon compiled with node-gyp' },
  'lmdb': { reason: 'binds LMDB (prebuilds per libc)' },
  'msgpackr-extract': { reason: 'C++ addon', hasFallback: true },
  'fsevents': { reason: 'macOS-only file watcher; never used on Linux', hasFallback: true },
};

/**
 * Install scripts that are not a glibc requirement: banners, binary pickers that also pick the musl
 * build, and addons that are optional with a JS fallback (ssh2 tries to build its crypto binding).
 */
export const HARMLESS_INSTALL_SCRIPTS = new Set([
  'ssh2',
  'core-js', 'core-js-pure', 'es5-ext', 'esbuild', 'husky', 'protobufjs', 'nodemon', 'yarn', 'spawn-sync',
  '@swc/core', '@parcel/watcher', 'puppeteer', 'cypress', 'electron', 'prisma', '@prisma/client',
  '@prisma/engines', 'nx', '@nestjs/core', 'styled-components', 'ejs', 'highlight.js', 'aws-sdk',
]);

/** Install-script commands that build or fetch a native addon. */
export const NATIVE_INSTALL_COMMAND = /\b(node-gyp(?:-build)?|prebuild-install|node-pre-gyp|cmake-js|prebuildify)\b/;
