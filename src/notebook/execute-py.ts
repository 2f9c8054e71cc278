// The Python side of the headless runner, passed to `python3 -c`. It runs one notebook with
// nbclient and writes (a) the executed copy and (b) a JSON report with the kernel's reply status
// for every code cell. tslab reports a failing cell as status "error" with the message on stderr
// (no "error" output) and answers every later cell with status "abort", so the statuses are the
// only reliable failure signal.
// The time limit counts from the start of the first cell: starting the kernel (slow on a loaded
// machine) has its own, longer limit, so a notebook is never charged for the machine's load.
// Kept as a string so the compiled library (dist/) needs no extra files.
export const EXECUTE_NOTEBOOK_PY = String.raw`
import json, signal, sys, time

src, out, report_path, kernel, cwd, timeout_s = sys.argv[1:7]
timeout_s = float(timeout_s)
startup_s = max(300.0, timeout_s)
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

started = {"first_cell": False}

def on_alarm(signum, frame):
    raise Stop("timeout" if started["first_cell"] else "startup")

def on_term(signum, frame):
    raise Stop("terminated")

signal.signal(signal.SIGALRM, on_alarm)
signal.signal(signal.SIGTERM, on_term)

nb = nbformat.read(src, as_version=4)
code_cells = sum(1 for c in nb.cells if c.cell_type == "code")

def on_start(cell, cell_index):
    if not started["first_cell"]:
        started["first_cell"] = True
        signal.setitimer(signal.ITIMER_REAL, timeout_s)
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
    startup_timeout=int(startup_s),
    resources={"metadata": {"path": cwd}},
    on_cell_start=on_start,
    on_cell_executed=on_executed,
)
signal.setitimer(signal.ITIMER_REAL, startup_s)
code = 0
try:
    client.execute()
except Stop as e:
    report["status"] = str(e)
    if str(e) == "timeout":
        report["message"] = "notebook stopped: timeout after %.0f s (counted from the first cell's start)" % timeout_s
    elif str(e) == "startup":
        report["message"] = "notebook stopped: the kernel did not start within %.0f s" % startup_s
    else:
        report["message"] = "notebook stopped: terminated"
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
