"""What the dataset builders of this folder share: cloning a public repository, writing labels.jsonl."""
import contextlib
import json
import os
import subprocess
import tempfile


def clone(repo, work):
    """A shallow clone of github.com/``repo`` under ``work``; its path."""
    path = os.path.join(work, repo.replace("/", "+"))
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"https://github.com/{repo}", path], check=True)
    return path


@contextlib.contextmanager
def checkouts(repos, given=()):
    """The folders to read: ``given`` when there are any; else, when ``DIGITIZE_CHECKOUTS`` names a folder holding
    a checkout of each repository as owner+name (a machine with no internet), those; else shallow clones of
    ``repos`` removed afterwards."""
    if given:
        yield list(given)
        return
    local = os.environ.get("DIGITIZE_CHECKOUTS")
    if local:
        yield [os.path.join(local, repo.replace("/", "+")) for repo in repos]
        return
    with tempfile.TemporaryDirectory() as work:
        yield [clone(repo, work) for repo in repos]


def write_labels(out, labels):
    with open(os.path.join(out, "labels.jsonl"), "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(label, ensure_ascii=False) + "\n" for label in labels)
    return len(labels)
