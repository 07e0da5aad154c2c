"""What both notebooks share: run the job through the README's local entry point, read the bodies it writes."""
import gzip
import json
import shlex
import subprocess
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
PREFIX = "aws.vpc.flowlogs."
_compiled = False


def mvn_exec(args, main_class=None):
    """Runs a main class of the project as `mvn -q compile exec:exec -Djob.args="..."` does, every value as given."""
    global _compiled
    cmd = ["mvn", "-q", "-B"] + ([] if _compiled else ["compile"]) + ["exec:exec", "-Djob.args=" + shlex.join(args)]
    if main_class:
        cmd.append("-Dmain.class=" + main_class)
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{shlex.join(cmd)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    _compiled = True
    return done


def run_job(output, *flags):
    """Runs the job as a dry run with bodies to `output`; returns the bodies' points as a DataFrame."""
    Path(output).unlink(missing_ok=True)
    mvn_exec([*map(str, flags), "--output", str(output)])
    return read_points(output)


def read_points(path):
    """One row per point of the bodies in `path` (one {"series": [...]} document per line): metric (without the
    aws.vpc.flowlogs. prefix), tags (a sorted tuple), one column per tag name, timestamp (epoch s) and time (UTC),
    value, interval (s, counts only) and body (its line); points.attrs["bodies"] has each body's JSON and gzip bytes."""
    rows, bodies = [], []
    with open(path, encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if not line.strip():
                continue
            raw = line.encode()
            bodies.append({"body": n, "json_bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, 6))})
            for s in json.loads(line)["series"]:
                tags = tuple(sorted(s["tags"]))
                for p in s["points"]:
                    rows.append((s["metric"].removeprefix(PREFIX), tags, p["timestamp"], p["value"], s.get("interval"), n))
    columns = ["metric", "tags", "timestamp", "value", "interval", "body"]
    points = pd.DataFrame(rows, columns=columns).astype({"value": float})
    tag_columns = pd.DataFrame([dict(t.split(":", 1) for t in tags) for tags in points["tags"]], index=points.index)
    points = pd.concat([points, tag_columns], axis=1)
    points["time"] = pd.to_datetime(points["timestamp"], unit="s", utc=True)
    points.attrs["bodies"] = pd.DataFrame(bodies)
    return points
