// Loads a generated DAG file in real Python against a stub `airflow` package that records what the file passes to
// DAG(...) and BashOperator(...), so tests can check the Python values, not only the text. Not a test file.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';

const STUB_INIT = `
CAPTURED = {"tasks": []}

class DAG:
    def __init__(self, **kwargs):
        CAPTURED["dag"] = kwargs

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
`;

const STUB_BASH = `
from airflow import CAPTURED

class BashOperator:
    def __init__(self, **kwargs):
        CAPTURED["tasks"].append(kwargs)
`;

const LOADER = `
import datetime, json, runpy, sys
sys.path.insert(0, sys.argv[1])
import airflow
module = runpy.run_path(sys.argv[2])

def encode(value):
    if isinstance(value, datetime.timedelta):
        return {"timedelta_seconds": value.total_seconds()}
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat(), "utcoffset_seconds": None if value.utcoffset() is None else value.utcoffset().total_seconds()}
    return {"repr": repr(value)}

print(json.dumps({"dag": airflow.CAPTURED["dag"], "tasks": airflow.CAPTURED["tasks"],
                  "WORKFLOW_CONFIG": module["WORKFLOW_CONFIG"], "OM_WORKER": module["OM_WORKER"]}, default=encode))
`;

export interface LoadedDag {
  dag: Record<string, unknown> & { default_args: Record<string, unknown> };
  tasks: Array<Record<string, unknown>>;
  WORKFLOW_CONFIG: string;
  OM_WORKER: string;
}

/** Writes the stub airflow package into `dir` (once per dir). */
export async function writeAirflowStub(dir: string): Promise<void> {
  await mkdir(join(dir, 'airflow', 'operators'), { recursive: true });
  await writeFile(join(dir, 'airflow', '__init__.py'), STUB_INIT);
  await writeFile(join(dir, 'airflow', 'operators', '__init__.py'), '');
  await writeFile(join(dir, 'airflow', 'operators', 'bash.py'), STUB_BASH);
}

export async function loadDag(stubDir: string, dagFile: string): Promise<LoadedDag> {
  const result = await execa('python3', ['-c', LOADER, stubDir, dagFile], { reject: false, env: { PYTHONDONTWRITEBYTECODE: '1' } });
  if (result.exitCode !== 0) throw new Error(`python could not load ${dagFile}:\n${String(result.stderr)}`);
  return JSON.parse(String(result.stdout)) as LoadedDag;
}

/** `python3 -m py_compile`, with the bytecode kept out of the DAG folder. */
export async function pyCompile(file: string, cacheDir: string): Promise<{ exitCode: number | undefined; stderr: string }> {
  const result = await execa('python3', ['-m', 'py_compile', file], { reject: false, env: { PYTHONPYCACHEPREFIX: cacheDir } });
  return { exitCode: result.exitCode, stderr: String(result.stderr) };
}
