"""Runs a notebook's code cells in order, as a check (no Jupyter needed): python3 notebooks/run_notebook.py NOTEBOOK."""
import json
import sys
from pathlib import Path

path = Path(sys.argv[1])
namespace = {"__name__": "__main__"}
for i, cell in enumerate(json.loads(path.read_text())["cells"]):
    if cell["cell_type"] == "code":
        print(f"--- {path.name}, cell {i}")
        exec(compile("".join(cell["source"]), f"{path.name}[{i}]", "exec"), namespace)
