// The spec leaves `device_info`'s keys undocumented (a free-form object). The sandbox answers
// with plausible values derived only from the record, so the same record always shows the same
// device: tests and pacts can rely on its shape without it changing between calls.
import type { DeviceInfo, UserExtra } from "@user-extra/types";

const PLATFORMS = [
  {
    platform: "ios",
    models: ["iPhone 13", "iPhone 14 Pro", "iPhone 15", "iPad Air"],
    os: ["16.7", "17.4", "17.5"],
  },
  {
    platform: "android",
    models: ["Pixel 7", "Pixel 8", "Galaxy S23", "Galaxy A54"],
    os: ["13", "14"],
  },
  {
    platform: "web",
    models: ["Chrome", "Firefox", "Safari", "Edge"],
    os: ["Windows 11", "macOS 14", "Ubuntu 22.04"],
  },
] as const;

/** A 32-bit integer hash (FNV-1a over the decimal digits). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length] as T;
}

const EPOCH = Date.UTC(2025, 0, 1);
const YEAR_SECONDS = 365 * 24 * 3600;

export function deviceInfo(record: Pick<UserExtra, "id" | "parent">): NonNullable<DeviceInfo> {
  const h = hash(`${record.id}:${record.parent}`);
  const family = pick(PLATFORMS, h);
  return {
    platform: family.platform,
    device_model: pick(family.models, h >>> 3),
    os_version: pick(family.os, h >>> 7),
    app_version: `3.${(h >>> 11) % 12}.${(h >>> 15) % 10}`,
    push_enabled: (h >>> 19) % 3 !== 0,
    last_seen: new Date(EPOCH + ((h >>> 1) % YEAR_SECONDS) * 1000).toISOString(),
  };
}
