import { hangGuards } from "@user-extra/testing/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({ test: { ...hangGuards } });
