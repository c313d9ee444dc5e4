// `npm test`: every check of the project, in two stages that each use both cores.
//
// 1. lint ‖ (build, then the embedded Neo4j prepared) — independent, CPU-bound.
// 2. integration ‖ (unit, then slow) — the integration suites share one Neo4j and run one at a
//    time, so they leave a core mostly idle (they wait on Neo4j and HTTP); the unit suites and
//    the slow suites (which start Neo4j instances and API processes of their own) fill it. Each
//    jest process starts its own shared Neo4j through the global setup, so the lanes never write
//    to the same graph.
//
// Measured on the quiet 2-core machine (npm test, 1,203 tests): one jest run after another 5m40s;
// these two stages 4m14s. Unit suites beside lint and build, and the slow suites' JVMs with the C1
// compiler only, made it 5m08s (C1 code runs the suites' work slower than it saves at start-up):
// not taken. Two lanes without the stage barrier (build → prepare → integration ‖ lint → unit →
// slow) 4m36s: the integration suites then start beside lint and unit, and slow down more than
// the barrier costs.
//
// The first command of a stage prints live; the others' output is held and printed when they end,
// so lines of two jest runs never interleave. Exits non-zero when any command failed, after all
// of its stage ended.
'use strict';
const { spawn } = require('node:child_process');

const jest = (...args) => [process.execPath, [require.resolve('jest/bin/jest'), ...args]];
const npm = (script) => ['npm', ['run', '--silent', script]];

/** Each stage is a list of lanes; a lane is a list of commands run one after another. */
const STAGES = [
  // The jars and the JVM's class-data archive are made here, once, before two jest processes
  // would race for them (see src/db/prepare-neo4j.ts).
  [[npm('lint')], [npm('build'), [process.execPath, ['dist/src/db/prepare-neo4j.js']]]],
  [
    [jest('--selectProjects', 'integration')],
    [jest('--selectProjects', 'unit', '--maxWorkers=1'), jest('--selectProjects', 'slow')],
  ],
];

function run([command, args], live) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: live ? 'inherit' : 'pipe' });
    const held = [];
    if (!live) {
      child.stdout.on('data', (chunk) => held.push(chunk));
      child.stderr.on('data', (chunk) => held.push(chunk));
    }
    child.on('close', (code) => {
      if (!live) process.stdout.write(Buffer.concat(held));
      resolve(code === 0);
    });
  });
}

async function runLane(commands, live) {
  for (const command of commands) {
    if (!(await run(command, live))) return false;
  }
  return true;
}

async function main() {
  for (const stage of STAGES) {
    const results = await Promise.all(stage.map((lane, index) => runLane(lane, index === 0)));
    if (results.includes(false)) process.exit(1);
  }
}

void main();
