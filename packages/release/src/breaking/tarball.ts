import { gunzipSync } from "node:zlib";

/**
 * Extracts one file from an npm tarball (gzip'd ustar). npm packs plain files only, so reading
 * the 512-byte headers in order is enough; no dependency needed for one file.
 */
export function readFileFromTarball(tgz: Uint8Array, wanted: string): string | undefined {
  const tar = gunzipSync(tgz);
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break; // end-of-archive marker
    const name = field(header, 0, 100);
    const prefix = field(header, 345, 155);
    const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const path = prefix ? `${prefix}/${name}` : name;
    const start = offset + 512;
    if ((type === "0" || type === "\0") && path === wanted) {
      return tar.subarray(start, start + size).toString("utf8");
    }
    offset = start + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

function field(header: Uint8Array, start: number, length: number): string {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString("utf8");
}
