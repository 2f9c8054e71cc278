// The Python side of the headless runner, passed to `python3 -c`. It runs one notebook with
// nbclient and writes (a) the executed copy and (b) a JSON report with the kernel's reply status
// for every code cell. tslab reports a failing cell as status "error" with the message on stderr
// (no "error" output) and answers every later cell with status "abort", so the statuses are the
// only reliable failure signal.
// Kept as a string so the compiled library (dist/) needs no extra files.
export const EXECUTE_NOTEBOOK_PY = String.raw`
import json, signal, sys, time

src, out, report_path, kernel, cwd, timeout_s = sys.argv[1:7]
timeout_s = float(timeout_s)
report = {"status": "ok", "cells": {}, "message": None}

def write_report():
    with open(report_path, "w") as f:
        json.dump(report, f)

try:
    import nbformat
    from nbclient import NotebookClient
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
except Exception as e:
    report["status"] = "no-jupyter"
    report["message"] = "%s: %s" % (type(e).__name__, e)
    write_report()
    sys.exit(3)

try:
    KernelSpecManager().get_kernel_spec(kernel)
except NoSuchKernel:
    report["status"] = "no-kernel"
    report["message"] = "Jupyter kernel %r is not registered" % kernel
    write_report()
    sys.exit(3)

class Stop(BaseException):
    pass

def on_alarm(signum, frame):
    raise Stop("timeout")

def on_term(signum, frame):
    raise Stop("terminated")

signal.signal(signal.SIGALRM, on_alarm)
signal.signal(signal.SIGTERM, on_term)

nb = nbformat.read(src, as_version=4)
code_cells = sum(1 for c in nb.cells if c.cell_type == "code")

def on_start(cell, cell_index):
    n = sum(1 for c in nb.cells[:cell_index + 1] if c.cell_type == "code")
    print("cell %d/%d" % (n, code_cells), flush=True)

def on_executed(cell, cell_index, execute_reply):
    content = execute_reply.get("content", {})
    report["cells"][str(cell_index)] = {
        "status": content.get("status"),
        "ename": content.get("ename"),
        "evalue": content.get("evalue"),
        "traceback": content.get("traceback"),
    }

client = NotebookClient(
    nb,
    kernel_name=kernel,
    timeout=int(timeout_s) + 1,
    allow_errors=True,
    record_timing=True,
    resources={"metadata": {"path": cwd}},
    on_cell_start=on_start,
    on_cell_executed=on_executed,
)
signal.setitimer(signal.ITIMER_REAL, timeout_s)
code = 0
try:
    client.execute()
except Stop as e:
    report["status"] = str(e)
    report["message"] = "notebook stopped: %s after %.0f s" % (e, timeout_s) if str(e) == "timeout" else "notebook stopped: terminated"
    code = 4
except BaseException as e:
    report["status"] = "exception"
    report["message"] = "%s: %s" % (type(e).__name__, str(e)[:2000])
    code = 5
finally:
    signal.setitimer(signal.ITIMER_REAL, 0)
    # An interrupted execute() skips nbclient's own cleanup; never leave a kernel behind.
    try:
        if getattr(client, "km", None) is not None:
            client._cleanup_kernel()
    except BaseException:
        pass
    nbformat.write(nb, out)
    write_report()
sys.exit(code)
`;
