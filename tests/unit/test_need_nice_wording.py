"""The method's own words, as the advisers say them: "need to have" / "nice to have" in running text,
"Need to have" / "Nice to have" as headings — never cut to "Need"/"Nice" or "need/nice" (UI and PDFs)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from boligdesk.budget.vocabulary import Need

ROOT = Path(__file__).resolve().parents[2] / "boligdesk"
#: "Need"/"Nice" as a word of its own, or "need/nice", "need − nice": the cut forms.
CUT = re.compile(r"\b(?:Need|Nice)\b(?! to have)|(?i:\bneed\s*[/−-]\s*nice\b)")
CODES = {"need", "nice"}  # the stored codes themselves


def _texts(tree: ast.AST) -> list[tuple[int, str]]:
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_the_labels_are_the_methods_own_words() -> None:
    assert Need.NEED.label == "Need to have"
    assert Need.NICE.label == "Nice to have"


def test_no_text_shown_to_the_user_cuts_need_to_have_or_nice_to_have() -> None:
    found: list[str] = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for line, text in _texts(ast.parse(path.read_text(encoding="utf-8"))):
            if text.strip() in CODES or (" " not in text and text.islower()):
                continue  # a code ("need") or an identifier-like key
            if CUT.search(text):
                found.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
    assert found == []
