# Copyright: (c) 2026, proofpoint.essentials contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Build the collection's HTML documentation with antsibull-docs and Sphinx, guides included.

    python docs/docsite/build.py --out .build/docsite

The guides are Markdown (docs/*.md); antsibull-docs (and Galaxy) take RST extra docs, so each guide is
converted (pandoc) into docs/docsite/rst/<name>.rst, committed, which docs/docsite/extra-docs.yml lists
(`--update-rst` writes them; a build fails when they are stale); links between guides become :ref: links,
so Sphinx (-W) fails the build on a broken one. A copy of the collection's docs is linted, then
`antsibull-docs sphinx-init --use-current` and its build.sh make the site.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile

import pypandoc
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
COLLECTION = "proofpoint.essentials"
LABEL = "ansible_collections.proofpoint.essentials.docsite.%s"
BIN = os.path.dirname(sys.executable)
with open(os.path.join(HERE, "links.yml"), encoding="utf-8") as _links:
    REPOSITORY = "https://github.com/" + yaml.safe_load(_links)["edit_on_github"]["repository"]
# `text <target>`__ as pandoc writes links in RST.
LINK = re.compile(r"`([^`<]+?)\s*<([^>`]+)>`__")


def copy_collection(work):
    tree = os.path.join(work, "collections", "ansible_collections", "proofpoint", "essentials")
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in files:
        if os.path.isfile(os.path.join(ROOT, name)):
            os.makedirs(os.path.dirname(os.path.join(tree, name)), exist_ok=True)
            shutil.copy2(os.path.join(ROOT, name), os.path.join(tree, name))
    return tree


# A repository path a guide names as code, and the page of the docsite that documents it, relative to
# the guides' pages (collections/proofpoint/essentials/docsite/).
PAGE_OF_PATH = [
    (re.compile(r"docs/([a-z-]+)\.md$"), "%s.html"),
    (re.compile(r"plugins/(?:modules|action)/(\w+)\.py$"), "../%s_module.html"),
    (re.compile(r"plugins/inventory/(\w+)\.py$"), "../%s_inventory.html"),
    (re.compile(r"roles/(\w+)(?:/.*)?$"), "../%s_role.html"),
]
# `path` outside a link: a code span naming a file or directory of the repository.
CODE_PATH = re.compile(r"(?<!\[)`([A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]*)+|[A-Za-z0-9_-]+\.(?:md|yml|cfg))`(?!\]\()")
FENCE = re.compile(r"^(```.*?^```)", re.S | re.M)
# The marks tests/guides reads above a shell block: for the test, not for the reader.
RUNNABLE_MARK = re.compile(r"^<!-- (?:not )?runnable(?::[^>]*)? -->\n", re.M)


def page_of(path):
    """The docsite page documenting a repository path, else its file on GitHub, else None."""
    for pattern, page in PAGE_OF_PATH:
        found = pattern.match(path)
        if found:
            return page % found.group(1)
    # Only what the repository holds: a file that a build left in this checkout must not change the RST.
    path = path.rstrip("/")
    if path in tracked_paths()[0]:
        return "%s/blob/main/%s" % (REPOSITORY, path)
    if path in tracked_paths()[1]:
        return "%s/tree/main/%s" % (REPOSITORY, path)
    return None


@functools.lru_cache(maxsize=1)
def tracked_paths():
    """The repository's files, and its folders."""
    files = set(
        subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    )
    folders = {os.path.dirname(name) for name in files}
    folders |= {parent for folder in folders for parent in _parents(folder)}
    return files, folders


def _parents(folder):
    while folder:
        folder = os.path.dirname(folder)
        if folder:
            yield folder


def link_paths(markdown):
    """Repository paths named as code become links to their pages (before pandoc lays out tables)."""

    def link(match):
        target = page_of(match.group(1))
        return "[`%s`](%s)" % (match.group(1), target) if target else match.group(0)

    parts = FENCE.split(markdown)
    return "".join(part if index % 2 else CODE_PATH.sub(link, part) for index, part in enumerate(parts))


def relink(match, guides):
    """Links between guides become :ref:; pages and URLs stay; other repository files link GitHub."""
    text, target = match.group(1).strip(), match.group(2)
    if re.match(r"[a-z]+:", target) or re.match(r"[^#]*\.html(#|$)", target):
        return match.group(0)
    page = os.path.splitext(os.path.basename(target.split("#")[0]))[0]
    if target.split("#")[0].endswith(".md") and page in guides:
        return ":ref:`%s <%s>`" % (text, LABEL % page)
    found = page_of(os.path.relpath(os.path.join(ROOT, "docs", target.split("#")[0]), ROOT))
    return "`%s <%s>`__" % (text, found) if found else "%s (``%s``)" % (text, target)


def converted_guides():
    """Each guide of docs/*.md as the RST that docs/docsite/rst/ must hold, by name."""
    with open(os.path.join(HERE, "extra-docs.yml"), encoding="utf-8") as handle:
        listed = [ref for section in yaml.safe_load(handle)["sections"] for ref in section["toctree"]]
    guides = sorted(
        os.path.splitext(name)[0] for name in os.listdir(os.path.join(ROOT, "docs")) if name.endswith(".md")
    )
    missing = sorted(set(guides) - set(listed))
    if missing:
        raise SystemExit("docs/docsite/extra-docs.yml does not list: %s" % ", ".join(missing))
    converted = {}
    for guide in guides:
        with open(os.path.join(ROOT, "docs", guide + ".md"), encoding="utf-8") as handle:
            markdown = link_paths(RUNNABLE_MARK.sub("", handle.read()))
        rst = pypandoc.convert_text(
            markdown,
            "rst",
            format="gfm-gfm_auto_identifiers",
            extra_args=["--wrap=none"],
        )
        rst = LINK.sub(lambda match: relink(match, guides), rst)
        converted[guide] = ".. _%s:\n\n%s" % (LABEL % guide, rst)
    return converted


def check_rst(update):
    """docs/docsite/rst/ is committed (Galaxy and antsibull-docs read the guides from there): it must be what
    the guides convert to. With ``update``, it is written."""
    rst_dir = os.path.join(HERE, "rst")
    converted = converted_guides()
    committed = (
        {name[:-4] for name in os.listdir(rst_dir) if name.endswith(".rst")} if os.path.isdir(rst_dir) else set()
    )
    stale = sorted(guide for guide, text in converted.items() if _read(os.path.join(rst_dir, guide + ".rst")) != text)
    stale += sorted(committed - set(converted))
    if update:
        os.makedirs(rst_dir, exist_ok=True)
        for name in committed - set(converted):
            os.remove(os.path.join(rst_dir, name + ".rst"))
        for guide, text in converted.items():
            with open(os.path.join(rst_dir, guide + ".rst"), "w", encoding="utf-8") as handle:
                handle.write(text)
        print("docs/docsite/rst: %d guides written" % len(converted))
    elif stale:
        raise SystemExit(
            "docs/docsite/rst is not what docs/*.md convert to (%s): run make docs-rst and commit it" % ", ".join(stale)
        )


def _read(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        return None


# The build runs offline: no intersphinx inventory can be fetched, so the pages' references into
# docs.ansible.com are listed here, one by one. Any other unresolved reference, our own guides' :ref:
# links included, still fails the build (-W, nitpicky).
OFFLINE_CONF = """
intersphinx_mapping = {}
nitpick_ignore = [
    ("std:ref", "common_return_values"),
    ("std:ref", "ansible_configuration_settings"),
    ("std:ref", "action_plugins"),
    ("std:ref", "ansible_collections.ansible.builtin.copy_module"),
    ("std:ref", "ansible_collections.ansible.builtin.debug_module"),
    ("envvar", "ANSIBLE_CACHE_PLUGIN"),
    ("envvar", "ANSIBLE_CACHE_PLUGIN_CONNECTION"),
    ("envvar", "ANSIBLE_CACHE_PLUGIN_PREFIX"),
    ("envvar", "ANSIBLE_CACHE_PLUGIN_TIMEOUT"),
]
"""


def run(command, env, cwd=None):
    print("+ " + " ".join(command), flush=True)
    subprocess.run(command, env=env, cwd=cwd, check=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(ROOT, ".build", "docsite"))
    parser.add_argument("--update-rst", action="store_true", help="write docs/docsite/rst from docs/*.md, and stop")
    args = parser.parse_args(argv)
    check_rst(args.update_rst)
    if args.update_rst:
        return
    work = tempfile.mkdtemp(prefix="pp-docsite-")
    tree = copy_collection(work)
    env = dict(
        os.environ,
        ANSIBLE_COLLECTIONS_PATH=os.path.join(work, "collections"),
        PATH=BIN + os.pathsep + os.environ["PATH"],
    )
    run([os.path.join(BIN, "antsibull-docs"), "lint-collection-docs", "--plugin-docs", tree], env)
    site = os.path.join(work, "site")
    os.mkdir(site, 0o755)  # antsibull-docs wants a directory only its owner may write to
    init = [
        "sphinx-init",
        "--use-current",
        "--dest-dir",
        site,
        "--index-rst-source",
        os.path.join(HERE, "index.rst"),
        "--project",
        COLLECTION,
        "--title",
        "proofpoint.essentials documentation",
        COLLECTION,
    ]
    run([os.path.join(BIN, "antsibull-docs")] + init, env)
    with open(os.path.join(site, "conf.py"), "a", encoding="utf-8") as handle:
        handle.write(OFFLINE_CONF)
    run(["bash", os.path.join(site, "build.sh")], env)
    shutil.rmtree(args.out, ignore_errors=True)
    shutil.copytree(os.path.join(site, "build", "html"), args.out)
    print("docsite: %s" % os.path.join(args.out, "index.html"))


if __name__ == "__main__":
    main()
