// Loads a generated DAG file in real Python against a stub `airflow` package that records what the file passes to
// DAG(...) and PythonOperator(...), so tests can check the Python values, not only the text; and runs the task's
// callable as Airflow would, with Connections and Variables taken from the environment. Not a test file.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';

const STUB_INIT = `
CAPTURED = {"tasks": [], "dependencies": []}

class DAG:
    def __init__(self, **kwargs):
        CAPTURED["dag"] = kwargs

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
`;

const STUB_PYTHON = `
from airflow import CAPTURED

class _Task:
    def __rshift__(self, other):
        for downstream in other if isinstance(other, list) else [other]:
            CAPTURED["dependencies"].append([self.task_id, downstream.task_id])
        return other


class _XComArg:
    def __init__(self, task_id):
        self.task_id = task_id


class PythonOperator(_Task):
    def __init__(self, **kwargs):
        self.task_id = kwargs["task_id"]
        self.output = _XComArg(self.task_id)
        CAPTURED["tasks"].append(kwargs)

    @classmethod
    def partial(cls, **kwargs):
        return _Partial(kwargs)


class _Partial:
    def __init__(self, kwargs):
        self.kwargs = kwargs

    def expand(self, **mapped):
        task = _Task()
        task.task_id = self.kwargs["task_id"]
        CAPTURED["tasks"].append({**self.kwargs, "expand": {key: {"xcom_of": value.task_id} for key, value in mapped.items()}})
        return task
`;

// Connections and Variables as the tests define them (JSON in STUB_CONNECTIONS / STUB_VARIABLES).
const STUB_HOOK = `
import json, os

class _Connection:
    def __init__(self, fields):
        for name in ("password", "login", "host", "port", "schema", "extra"):
            setattr(self, name, fields.get(name))

class BaseHook:
    @staticmethod
    def get_connection(conn_id):
        connections = json.loads(os.environ.get("STUB_CONNECTIONS", "{}"))
        if conn_id not in connections:
            raise KeyError("The conn_id " + conn_id + " isn't defined")
        return _Connection(connections[conn_id])
`;

const STUB_MODELS = `
import json, os

class Variable:
    @staticmethod
    def get(key):
        return json.loads(os.environ.get("STUB_VARIABLES", "{}"))[key]
`;

const STUB_POD = `
from airflow import CAPTURED
from airflow.operators.python import _Partial, _Task, _XComArg

class KubernetesPodOperator(_Task):
    def __init__(self, **kwargs):
        self.task_id = kwargs["task_id"]
        self.output = _XComArg(self.task_id)
        CAPTURED["tasks"].append(kwargs)

    @classmethod
    def partial(cls, **kwargs):
        return _Partial(kwargs)
`;

const STUB_SECRET = `
class Secret:
    def __init__(self, deploy_type, deploy_target, secret, key):
        self.fields = [deploy_type, deploy_target, secret, key]

    def __repr__(self):
        return "Secret(" + ", ".join(self.fields) + ")"
`;

const STUB_EXCEPTIONS = `
class AirflowException(Exception):
    pass

class AirflowFailException(AirflowException):
    pass
`;

const LOADER = `
import ast, datetime, json, runpy, sys
sys.path.insert(0, sys.argv[1])
import airflow
module = runpy.run_path(sys.argv[2])

def encode(value):
    if isinstance(value, datetime.timedelta):
        return {"timedelta_seconds": value.total_seconds()}
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat(), "utcoffset_seconds": None if value.utcoffset() is None else value.utcoffset().total_seconds()}
    if callable(value):
        return {"callable": value.__name__}
    return {"repr": repr(value)}

# What each task function passes to run_om_worker, read from the syntax tree: (workflow copy, secrets).
runs = {}
for node in ast.parse(open(sys.argv[2], encoding="utf-8").read()).body:
    if isinstance(node, ast.FunctionDef):
        for call in ast.walk(node):
            if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "run_om_worker":
                runs[node.name] = [ast.literal_eval(arg) for arg in call.args[:2]]

print(json.dumps({"dag": airflow.CAPTURED["dag"], "tasks": airflow.CAPTURED["tasks"], "dependencies": airflow.CAPTURED["dependencies"],
                  "runs": runs, "DAG_FOLDER": str(module["DAG_FOLDER"]), "OM_WORKER": module.get("OM_WORKER")}, default=encode))
`;

// Runs the one task's callable; the last line says how it ended (the worker's own output comes before it).
const RUNNER = `
import json, runpy, sys
sys.path.insert(0, sys.argv[1])
import airflow
runpy.run_path(sys.argv[2])
task = next(t for t in airflow.CAPTURED["tasks"] if sys.argv[3] in ("", t["task_id"]))
try:
    returned = task["python_callable"](*json.loads(sys.argv[4] if len(sys.argv) > 4 else "[]"))
    outcome = {"outcome": "success", "returned": returned}
except Exception as error:
    outcome = {"outcome": type(error).__name__, "message": str(error)}
print("\\n" + json.dumps(outcome))
`;

export interface LoadedDag {
  dag: Record<string, unknown> & { default_args: Record<string, unknown> };
  tasks: Array<Record<string, unknown>>;
  /** `upstream >> downstream` pairs of task ids, as the DAG file declared them. */
  dependencies: Array<[string, string]>;
  /** Each task function's call of run_om_worker: the workflow copy it runs and the secrets it fills. */
  runs: Record<string, [string, Record<string, string[]>]>;
  DAG_FOLDER: string;
  OM_WORKER: string;
}

/** Writes the stub airflow package into `dir` (once per dir). */
export async function writeAirflowStub(dir: string): Promise<void> {
  for (const folder of ['operators', 'hooks', 'models']) await mkdir(join(dir, 'airflow', folder), { recursive: true });
  await writeFile(join(dir, 'airflow', '__init__.py'), STUB_INIT);
  await writeFile(join(dir, 'airflow', 'operators', '__init__.py'), '');
  await writeFile(join(dir, 'airflow', 'operators', 'python.py'), STUB_PYTHON);
  await writeFile(join(dir, 'airflow', 'hooks', '__init__.py'), '');
  await writeFile(join(dir, 'airflow', 'hooks', 'base.py'), STUB_HOOK);
  await writeFile(join(dir, 'airflow', 'models', '__init__.py'), STUB_MODELS);
  await writeFile(join(dir, 'airflow', 'exceptions.py'), STUB_EXCEPTIONS);
  const kubernetes = join(dir, 'airflow', 'providers', 'cncf', 'kubernetes');
  await mkdir(join(kubernetes, 'operators'), { recursive: true });
  for (const folder of ['providers', 'providers/cncf', 'providers/cncf/kubernetes', 'providers/cncf/kubernetes/operators']) {
    await writeFile(join(dir, 'airflow', folder, '__init__.py'), '');
  }
  await writeFile(join(kubernetes, 'operators', 'pod.py'), STUB_POD);
  await writeFile(join(kubernetes, 'secret.py'), STUB_SECRET);
}

export async function loadDag(stubDir: string, dagFile: string): Promise<LoadedDag> {
  const result = await execa('python3', ['-c', LOADER, stubDir, dagFile], { reject: false, env: { PYTHONDONTWRITEBYTECODE: '1' } });
  if (result.exitCode !== 0) throw new Error(`python could not load ${dagFile}:\n${String(result.stderr)}`);
  return JSON.parse(String(result.stdout)) as LoadedDag;
}

export interface TaskRun {
  outcome: string;
  message?: string;
  /** What the callable returned (the XCom a mapped task expands over). */
  returned?: unknown;
  /** What the worker printed (the task's log). */
  log: string;
}

/** Runs the DAG's task as Airflow would run it: its callable, in a process with the given Connections and Variables. */
export async function runDagTask(
  stubDir: string,
  dagFile: string,
  options: {
    connections?: Record<string, Record<string, unknown>>;
    variables?: Record<string, string>;
    env?: Record<string, string>;
    taskId?: string;
    /** The arguments of a mapped task instance (one element of what its listing task returned). */
    args?: unknown[];
  } = {},
): Promise<TaskRun> {
  const result = await execa('python3', ['-c', RUNNER, stubDir, dagFile, options.taskId ?? '', JSON.stringify(options.args ?? [])], {
    reject: false,
    env: {
      PYTHONDONTWRITEBYTECODE: '1',
      STUB_CONNECTIONS: JSON.stringify(options.connections ?? {}),
      STUB_VARIABLES: JSON.stringify(options.variables ?? {}),
      ...options.env,
    },
  });
  const stdout = String(result.stdout);
  const last = stdout.slice(stdout.lastIndexOf('\n') + 1);
  if (result.exitCode !== 0 || !last.startsWith('{')) throw new Error(`python could not run ${dagFile}:\n${String(result.stderr)}\n${stdout}`);
  return { ...(JSON.parse(last) as { outcome: string; message?: string }), log: stdout.slice(0, stdout.lastIndexOf('\n')) };
}

/** `python3 -m py_compile`, with the bytecode kept out of the DAG folder. */
export async function pyCompile(file: string, cacheDir: string): Promise<{ exitCode: number | undefined; stderr: string }> {
  const result = await execa('python3', ['-m', 'py_compile', file], { reject: false, env: { PYTHONPYCACHEPREFIX: cacheDir } });
  return { exitCode: result.exitCode, stderr: String(result.stderr) };
}
