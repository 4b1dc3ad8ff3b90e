#!/usr/bin/env node
// @ts-check
import { runTests } from "../src/run-tests.js";

process.exitCode = await runTests(process.argv.slice(2));
