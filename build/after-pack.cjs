// electron-builder afterPack hook: flips Electron's fuses in the packaged binary (before signing).
// https://www.electronjs.org/docs/latest/tutorial/fuses
const fs = require('node:fs');
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

/** The fuse settings tokentray ships with. */
function fuseConfig(platformName, isArm64) {
  return {
    version: FuseVersion.V1,
    // Flipping fuses invalidates the ad-hoc signature arm64 macOS requires; re-sign ad hoc (real signing comes after).
    resetAdHocDarwinSignature: platformName === 'darwin' && isArm64,
    // RunAsNode stays ENABLED, deliberately. The `tokentray` CLI that editors launch for the MCP proxy
    // (build/launcher/) runs through this binary with ELECTRON_RUN_AS_NODE=1, as VS Code's `code` does,
    // so users need no separate Node. The cost: anyone who can already run programs as the user can
    // use this binary as a plain Node interpreter, and that interpreter is the same signed app the
    // keychain (macOS) may trust. We accept it because such a process can already read the user's
    // files and run the `tokentray` CLI itself; it gains no new privilege, only the app's signature.
    // The alternative (a separate Node runtime shipped or required) costs more than it protects.
    [FuseV1Options.RunAsNode]: true,
    // Cookies and localStorage encrypted at rest with the OS key store.
    [FuseV1Options.EnableCookieEncryption]: true,
    // No NODE_OPTIONS (e.g. --require a script) and no --inspect: nothing injects code into the app.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // Load the app only from app.asar, and only if it matches the integrity hash electron-builder embeds
    // (macOS and Windows; Linux has no embedded-integrity support yet and ignores the fuse).
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // The settings page is served from app://tokentray/ (electron/main/app-protocol.ts), so file:// needs
    // none of the extra privileges Electron grants it by default (fetch, service workers, module scripts).
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** Where electron-builder put the app binary for this platform. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

/** The launcher must stay executable whatever the copy did to its mode (deb, AppImage, dmg). */
function makeLauncherExecutable(context, binary) {
  if (context.electronPlatformName === 'win32') return;
  const resources = context.electronPlatformName === 'linux' ? path.join(context.appOutDir, 'resources') : path.join(binary, 'Contents', 'Resources');
  fs.chmodSync(path.join(resources, 'bin', 'tokentray'), 0o755);
}

/** afterPack: flip the fuses. `context.arch` is electron-builder's Arch enum, where 3 is arm64. */
async function afterPack(context) {
  const binary = electronBinaryPath(context);
  makeLauncherExecutable(context, binary);
  await flipFuses(binary, fuseConfig(context.electronPlatformName, context.arch === 3));
  console.log(`  • fuses flipped in ${binary} (RunAsNode kept for the CLI launcher)`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinaryPath = electronBinaryPath;
