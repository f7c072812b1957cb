"""Parses every .kt and .swift file under the given roots with tree-sitter and reports each ERROR or
MISSING node as file:line:col. Exit status 1 if any file has one, or if no file was found at all.

Usage: check_syntax.py ROOT...   (run by `cargo xtask test` in tests/python/.venv)

This is a syntax check only: neither the Android SDK nor Xcode is on the CI machine, so Kotlin for
Android and all Swift are parsed, not compiled (JVM Kotlin is compiled and run by the Maven tests).
"""

import pathlib
import re
import sys

import tree_sitter
import tree_sitter_kotlin
import tree_sitter_swift

LANGUAGES = {
    ".kt": tree_sitter.Language(tree_sitter_kotlin.language()),
    ".swift": tree_sitter.Language(tree_sitter_swift.language()),
}
# Build outputs and tool caches inside a root are not source.
SKIPPED_DIRS = {".venv", "target", "build", ".gradle", "node_modules", "__pycache__", ".build"}

# uniffi wraps a lone attribute in a compiler-version check, e.g.
#     #if swift(>=5.8)
#     @_documentation(visibility: private)
#     #endif
# which tree-sitter-swift cannot parse (it expects a declaration inside the block). Exactly this
# three-line shape is blanked before parsing; line numbers stay the same. Nothing broader.
LONE_ATTRIBUTE_BLOCK = re.compile(
    r"^[ \t]*#if swift\(>=5\.8\)[ \t]*\n"
    r"[ \t]*@[A-Za-z_][A-Za-z0-9_]*(?:\([^()\n]*\))?[ \t]*\n"
    r"[ \t]*#endif[ \t]*$",
    re.MULTILINE,
)

# uniffi's callback-interface template for a method returning nothing writes
#     let writeReturn = { () }
# (a closure returning the empty tuple), which tree-sitter-swift 0.7.x misreads as a closure
# parameter list. Exactly this line becomes the equivalent `{ }`; nothing broader.
VOID_WRITE_RETURN = re.compile(r"^([ \t]*let writeReturn = )\{ \(\) \}([ \t]*)$", re.MULTILINE)


def blank_lone_attribute_blocks(source: str) -> str:
    return LONE_ATTRIBUTE_BLOCK.sub(lambda m: "\n" * m.group(0).count("\n"), source)


def rewrite_uniffi_constructs(source: str) -> str:
    """The two uniffi constructs tree-sitter-swift cannot parse, made parseable; line numbers kept."""
    return VOID_WRITE_RETURN.sub(r"\1{ }\2", blank_lone_attribute_blocks(source))


def problems(source: str, suffix: str):
    """(line, column, kind, node type) for each ERROR or MISSING node, 1-based lines and columns."""
    if suffix == ".swift":
        source = rewrite_uniffi_constructs(source)
    tree = tree_sitter.Parser(LANGUAGES[suffix]).parse(source.encode("utf-8"))
    found = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            kind = "ERROR" if node.is_error else "MISSING"
            row, column = node.start_point
            found.append((row + 1, column + 1, kind, node.type))
        if node.has_error:
            stack.extend(node.children)
    return sorted(found)


def source_files(root: pathlib.Path):
    if root.is_file():
        if root.suffix in LANGUAGES:
            yield root
        return
    for path in sorted(root.rglob("*")):
        relative_parts = path.relative_to(root).parts[:-1]
        if path.suffix in LANGUAGES and path.is_file() and not SKIPPED_DIRS.intersection(relative_parts):
            yield path


def main(roots):
    if not roots:
        print(__doc__, file=sys.stderr)
        return 2
    checked = {".kt": 0, ".swift": 0}
    failures = 0
    for root in map(pathlib.Path, roots):
        for path in source_files(root):
            checked[path.suffix] += 1
            for line, column, kind, node_type in problems(path.read_text(encoding="utf-8"), path.suffix):
                failures += 1
                print(f"{path}:{line}:{column}: {kind} ({node_type})")
    total = sum(checked.values())
    print(f"tree-sitter: {checked['.kt']} Kotlin and {checked['.swift']} Swift files checked, {failures} problem(s)")
    if total == 0:
        print("tree-sitter: no .kt or .swift file found: nothing was checked", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
