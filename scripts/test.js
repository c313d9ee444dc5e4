// `npm test`: every check of the project, in two stages that each use both cores.
//
// 1. lint ‖ (build, then the embedded Neo4j prepared) ‖ unit — independent; the unit suites need
//    no build (swc compiles them).
// 2. integration ‖ slow — the integration suites share one Neo4j and run one at a time, so they
//    leave a core mostly idle (they wait on Neo4j and HTTP); the slow suites, which start Neo4j
//    instances and API processes of their own, fill it.
//
// The slow suites' JVMs run with the C1 compiler only: they live for seconds, and C2 compiling
// Neo4j's start-up code cost them ~3.5 of ~8 CPU seconds per start (measured with
// `node dist/src/db/prepare-neo4j.js`); the shared Neo4j of the integration suites keeps C2.
//
// The first command of a stage prints live; the others' output is held and printed when they end,
// so lines of two jest runs never interleave. Exits non-zero when any command failed, after all
// of its stage ended.
'use strict';
const { spawn } = require('node:child_process');

const jest = (...args) => [process.execPath, [require.resolve('jest/bin/jest'), ...args]];
const npm = (script) => ['npm', ['run', '--silent', script]];
const shortLivedJvms = { JAVA_TOOL_OPTIONS: '-XX:TieredStopAtLevel=1' };

/** Each stage is a list of lanes; a lane is a list of commands run one after another. */
const STAGES = [
  // The jars and the JVM's class-data archive are made here, once, before two jest processes
  // would race for them (see src/db/prepare-neo4j.ts).
  [
    [npm('lint')],
    [npm('build'), [process.execPath, ['dist/src/db/prepare-neo4j.js']]],
    [jest('--selectProjects', 'unit', '--maxWorkers=1')],
  ],
  [
    [jest('--selectProjects', 'integration')],
    [[...jest('--selectProjects', 'slow'), shortLivedJvms]],
  ],
];

function run([command, args, env = {}], live) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: live ? 'inherit' : 'pipe',
      env: { ...process.env, ...env },
    });
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
