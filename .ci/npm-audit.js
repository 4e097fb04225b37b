#!/usr/bin/env node
// Dependency audit for CI: `npm audit --omit=dev --audit-level=high`, with one distinction npm does
// not make. npm exits 1 both when it finds high/critical advisories and when the registry's audit
// endpoint cannot be used (some networks answer 405 to its POST). The first fails the build; the
// second is reported loudly but does not, because it says nothing about our dependencies.
// Usage: node .ci/npm-audit.js [saved-npm-audit.json]   (a file instead of running npm: for checking this script)
'use strict';
const { spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');

const FAIL_AT = ['high', 'critical'];

function readReport() {
  if (process.argv[2]) return { stdout: readFileSync(process.argv[2], 'utf8'), status: 1 };
  const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8', timeout: 180_000 });
  if (run.error) return { stdout: '', status: null, error: run.error };
  return { stdout: run.stdout, status: run.status };
}

function main() {
  const { stdout, status, error } = readReport();
  if (error) return unavailable(`npm could not be run: ${error.message}`);
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    console.error('npm audit: unreadable output (not JSON); failing to be safe.\n' + stdout.slice(0, 2000));
    return 1;
  }
  const counts = report.metadata && report.metadata.vulnerabilities;
  if (counts) {
    const serious = Object.values(report.vulnerabilities || {}).filter((v) => FAIL_AT.includes(v.severity));
    const summary = Object.entries(counts)
      .map(([level, n]) => `${level} ${n}`)
      .join(', ');
    if (serious.length === 0) {
      console.log(`npm audit (production dependencies): no high or critical advisories (${summary}).`);
      return 0;
    }
    console.error(`npm audit (production dependencies): ${serious.length} package(s) with high or critical advisories (${summary}):`);
    for (const v of serious) {
      const via = (v.via || []).map((x) => (typeof x === 'string' ? `via ${x}` : `${x.title} ${x.url || ''}`.trim())).join('; ');
      console.error(`  - ${v.name} [${v.severity}] ${v.range || ''} ${via}${v.fixAvailable ? ' (fix available)' : ''}`);
    }
    return 1;
  }
  // npm's error shape: { message, statusCode, ... } or { error: { code, summary } }.
  const code = report.statusCode || (report.error && report.error.code);
  if (code) return unavailable(report.message || (report.error && report.error.summary) || String(code));
  console.error(`npm audit: unexpected answer (exit ${status}); failing to be safe.\n${stdout.slice(0, 2000)}`);
  return 1;
}

function unavailable(reason) {
  const line = '!'.repeat(78);
  console.log(
    `${line}\n!! DEPENDENCY AUDIT NOT RUN: the registry's audit endpoint is unavailable here.\n!! ${reason}\n` +
      `!! This is not a clean result. Run \`npm audit --omit=dev --audit-level=high\` where the registry allows it.\n${line}`,
  );
  return 0;
}

process.exitCode = main();
