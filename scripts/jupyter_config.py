# Jupyter configuration for `npm run jupyter` (passed with --config).
#
# Notebook outputs never reach git: .gitattributes runs *.ipynb through scripts/nb-clean.cjs. Git,
# however, calls a file "modified" as soon as its size differs from what the index last saw,
# without running the filter, so a notebook saved with outputs would show in `git status` although
# `git diff` is empty. After each save this hook asks git whether the stripped notebook equals the
# staged one; if it does, `git add` refreshes the index's view of the file (nothing is staged: the
# stored content is the same), and `git status` stays clean. Real edits are left alone and show as
# usual. Any failure here is printed and never blocks the save.
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLEAN = os.path.join(ROOT, "scripts", "nb-clean.cjs")


def refresh_if_only_outputs_changed(os_path, root=ROOT):
    if not os_path.endswith(".ipynb"):
        return False
    rel = os.path.relpath(os_path, root)
    if rel.startswith(".."):
        return False
    try:
        staged = subprocess.run(["git", "-C", root, "show", ":" + rel], capture_output=True, check=False)
        if staged.returncode != 0:
            return False  # not tracked: nothing to keep clean
        with open(os_path, "rb") as f:
            cleaned = subprocess.run(["node", CLEAN], input=f.read(), capture_output=True, check=True).stdout
        if cleaned != staged.stdout:
            return False
        subprocess.run(["git", "-C", root, "add", "--", rel], check=True, capture_output=True)
        return True
    except Exception as err:  # never block a save
        print(f"cluster-lab: could not refresh git's view of {rel}: {err}")
        return False


def post_save(model, os_path, contents_manager, **kwargs):
    refresh_if_only_outputs_changed(os_path)


try:
    c = get_config()  # noqa: F821 (defined when Jupyter loads this file)
    c.FileContentsManager.post_save_hook = post_save
except NameError:
    pass
