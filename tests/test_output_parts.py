"""`parse -f tree` and `-f md` show a document's parts (B6): an attachment's 一、 sits under its `附件` heading, not
after the body's 三、 as if the body went on; a restored label (from a contents page) is shown, not left blank."""
from __future__ import annotations

import io

from ipplan.output import markdown, write_tree
from ipplan.parse import parse_text

ATTACHED = """某省知识产权局关于印发推广清单的通知
各市知识产权局：
一、推广的改革举措
（一）知识产权保护方面2项
二、高度重视推广工作
各地要高度重视。
三、认真抓好组织实施
各地要认真组织实施。
附件：推广清单
某省知识产权局
2018年12月23日
附件
推广清单
一、知识产权保护方面（共2项）
1．知识产权案件“三合一”审判（省法院、省知识产权局）
2．专利保险机制（省知识产权局）
二、科技金融创新方面（共1项）
3．区域性股权市场设置科技创新专板（省证监局）
"""


def tree(doc) -> str:
    buf = io.StringIO()
    write_tree(doc, buf)
    return buf.getvalue()


def test_tree_puts_attachment_entries_under_its_heading():
    doc = parse_text(ATTACHED)
    assert [p.key for p in doc.parts] == ["附件"], doc.parts
    lines = tree(doc).splitlines()
    head = next(i for i, s in enumerate(lines) if "附件 推广清单" in s)
    assert lines[head].startswith("├── ") or lines[head].startswith("└── ")  # a branch of the root
    body_three = next(i for i, s in enumerate(lines) if "三、" in s and "认真抓好" in s)
    assert body_three < head
    attached_one = next(i for i, s in enumerate(lines) if "知识产权保护方面（共2项）" in s)
    # one level below the heading (whose own branch is the root's last, or not, as the targets list follows or not)
    assert attached_one > head and lines[attached_one].startswith(("│   ├── ", "    ├── "))
    # the body's chapters stay at top level
    assert any(s.startswith("├── 一、 推广的改革举措") for s in lines)


def test_markdown_gives_each_part_a_heading():
    doc = parse_text(ATTACHED)
    md = markdown(doc)
    assert "\n## 附件 推广清单\n" in md
    assert "\n## 三、认真抓好组织实施" in md
    assert "\n### 一、知识产权保护方面（共2项）" in md  # one level below the part's heading
    assert md.index("## 附件 推广清单") < md.index("### 一、知识产权保护方面")


TWO_DOCUMENTS = """某省人民政府办公厅关于印发支持数字经济发展若干政策和某省数字经济行动计划的通知
各市人民政府：
现将《支持数字经济发展若干政策》《某省数字经济行动计划（2021－2023年）》印发给你们，请认真贯彻执行。
某省人民政府办公厅
2021年3月1日
支持数字经济发展若干政策
一、支持平台建设
对平台给予奖补。
二、支持企业转型
对企业给予奖补。
某省数字经济行动计划（2021－2023年）
为推动数字经济发展，特制定本行动计划。
一、总体要求
（一）指导思想
坚持创新驱动。
二、行动步骤
（一）网络体系强基行动
建设网络。
"""


def test_tree_gives_each_document_of_a_notice_a_branch():
    doc = parse_text(TWO_DOCUMENTS)
    kinds = [p.kind for p in doc.parts]
    if kinds.count("document") < 2:  # the parser must see two documents for this test to mean anything
        raise AssertionError(f"parser found parts {doc.parts}")
    out = tree(doc)
    lines = out.splitlines()
    for part in doc.parts:
        head = next(i for i, s in enumerate(lines) if part.title in s and s[:4] in ("├── ", "└── "))
        assert head
    # no chapter of either document hangs off the root
    assert not any(s.startswith(("├── 一、", "└── 一、", "├── 二、", "└── 二、")) for s in lines)
    assert sum(1 for s in lines if s[4:].startswith("├── 一、")) == 2  # one per document, one level down
    md = markdown(doc)
    assert md.count("\n### 一、") == 2


def test_restored_label_is_shown():
    doc = parse_text(ATTACHED)
    node = next(n for n in doc.iter_nodes() if n.label == "2" and n.path[0] == "附件")
    node.label_raw = ""
    node.label_as_written = None
    out = tree(doc)
    line = next(s for s in out.splitlines() if "专利保险机制" in s)
    assert "[2] 专利保险机制" in line
    assert "- **[2]** 专利保险机制" in markdown(doc) or "[2]专利保险机制" in markdown(doc)


def test_document_without_parts_is_drawn_as_before():
    doc = parse_text(ATTACHED.split("附件：")[0])
    assert not doc.parts
    lines = tree(doc).splitlines()
    assert [s[4:7] for s in lines if s.startswith(("├── ", "└── "))][:3] == ["一、 ", "二、 ", "三、 "]


# B9: `ipplan compare` gives each document a column heading of its own, short, lengthened only where two collide

def _plan(title: str, issued: str = "") -> str:
    return f"""山东省人民政府办公厅关于印发{title}的通知
各市人民政府：
现将《{title}》印发给你们，请认真贯彻执行。
山东省人民政府办公厅
{issued}
{title}
一、重点任务
（一）建设平台
1．建设创新平台。（责任单位：省科技厅）
二、保障措施
（一）加强组织领导
"""


def _labels(texts: list[tuple[str, str]]) -> list[str]:
    from ipplan.compare.items import make_docs

    docs = make_docs([parse_text(t, source=name) for name, t in texts])
    return [d.label for d in docs]


def test_same_region_and_period_get_different_short_labels():
    labels = _labels([("a.txt", _plan("山东省人工智能科技创新行动方案")),
                      ("b.txt", _plan("山东省制造业创新能力提升行动方案"))])
    assert len(set(labels)) == 2, labels
    assert all(lab.startswith("山东省") and len(lab) <= 20 for lab in labels), labels
    assert "人工智能" in labels[0] and "制造业" in labels[1]


def test_issue_year_tells_apart_first():
    labels = _labels([("a.txt", _plan("山东省人工智能科技创新行动方案", "2025年1月5日")),
                      ("b.txt", _plan("山东省制造业创新能力提升行动方案", "2023年3月1日"))])
    assert len(set(labels)) == 2 and "2025" in labels[0] and "2023" in labels[1], labels


def test_same_titles_fall_back_to_the_ids():
    text = _plan("山东省人工智能科技创新行动方案")
    other = _plan("江苏省某方案").replace("山东省", "江苏省")
    labels = _labels([("plan_ai.txt", text), ("plan_ai_copy.txt", text), ("other.txt", other)])
    assert len(set(labels)) == 3, labels
    assert labels[2] == "江苏省"  # no collision: left as it was  # no collision: left as it was


def test_compare_summary_and_views_show_unique_headings():
    from typer.testing import CliRunner

    from conftest import CORPUS_DIR
    from ipplan.cli import app

    files = [str(CORPUS_DIR / "shandong_ai_scitech_action_2025.txt"),
             str(CORPUS_DIR / "shandong_mfg_innovation_action_2023.txt")]
    runner = CliRunner()
    # --meta period makes the two plans' region and period the same
    for extra in ([], ["--view", "units"], ["--view", "themes"]):
        res = runner.invoke(app, ["compare", *files, "--meta", "period=2023-2027", *extra], env={"COLUMNS": "160"})
        assert res.exit_code == 0, res.output
        lines = res.output.splitlines()
        start = next(i for i, s in enumerate(lines) if s.count("山东省") >= 2)
        head = lines[start:next(i for i, s in enumerate(lines) if s.startswith("─"))]  # a heading may wrap
        cells = [[c.strip() for c in s.split("  ") if c.strip()][-2:] for s in head]
        assert any(len(c) == 2 and c[0] != c[1] for c in cells), head
    res = runner.invoke(app, ["compare", *files, "-f", "json"])
    ids = [d["id"] for d in __import__("json").loads(res.output)["documents"]]
    assert len(set(ids)) == len(ids) == 2
