"""Questions asked of a parsed document, shared by the CLI and library users."""
from __future__ import annotations

from typing import Iterator

from .schema.models import Document, Node

TASK_KINDS = ("item", "subitem", "point", "article")


def iter_tasks(doc: Document, role: str | None = None) -> Iterator[tuple[Node, Node]]:
    """(task, its chapter) for what a plan asks someone to do.

    A task is a numbered item, or a section that has no items under it (plans such as
    Jinan's number their measures as (一)…(二十九) directly under chapters). With `role`,
    only tasks under chapters of that role.
    """
    def walk(nodes: list[Node], chapter: Node | None) -> Iterator[tuple[Node, Node]]:
        for node in nodes:
            top = chapter or node
            if node.kind in TASK_KINDS or (not node.children and node is not top):
                if role is None or top.role == role:
                    yield node, top
            yield from walk(node.children, top)

    yield from walk(doc.outline, None)
