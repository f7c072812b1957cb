"""The tree-sitter syntax check (tests/syntax/check_syntax.py) finds errors, and its uniffi
workaround covers exactly the lone-attribute `#if swift(>=5.8)` block and nothing broader."""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent.parent / "syntax"))

import check_syntax  # noqa: E402

UNIFFI_BLOCK = """public struct Foo {
    #if swift(>=5.8)
    @_documentation(visibility: private)
    #endif
    public var bar: Int
}
"""


def test_valid_kotlin_and_swift_pass():
    assert check_syntax.problems("fun answer(): Int = 42\n", ".kt") == []
    assert check_syntax.problems("func answer() -> Int { return 42 }\n", ".swift") == []


def test_broken_kotlin_is_reported_with_its_line():
    found = check_syntax.problems("fun ok() = 1\nfun broken( {\n", ".kt")
    assert found, "an unclosed parameter list must be reported"
    assert all(line >= 2 for line, *_ in found)


def test_broken_swift_is_reported():
    assert check_syntax.problems("func broken( {\n", ".swift")


def test_uniffi_lone_attribute_block_is_blanked_keeping_line_numbers():
    blanked = check_syntax.blank_lone_attribute_blocks(UNIFFI_BLOCK)
    assert "#if" not in blanked and "@_documentation" not in blanked
    assert blanked.count("\n") == UNIFFI_BLOCK.count("\n")
    assert check_syntax.problems(UNIFFI_BLOCK, ".swift") == []


def test_other_conditional_blocks_are_left_alone():
    # A block holding a declaration, or another version, is real code: it is parsed as written.
    with_declaration = "#if swift(>=5.8)\nfunc a() {}\n#endif\n"
    other_version = "#if swift(>=5.9)\n@_documentation(visibility: private)\n#endif\n"
    assert check_syntax.blank_lone_attribute_blocks(with_declaration) == with_declaration
    assert check_syntax.blank_lone_attribute_blocks(other_version) == other_version


def test_uniffi_void_write_return_is_parsed_and_only_that_line_rewritten():
    source = "func f() {\n    let writeReturn = { () }\n    g(writeReturn)\n}\n"
    assert check_syntax.problems(source, ".swift") == []
    # The same closure anywhere else is left as written (and tree-sitter-swift reports it).
    assert check_syntax.rewrite_uniffi_constructs("let other = { () }\n") == "let other = { () }\n"
