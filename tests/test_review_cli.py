"""Commands agree with each other on the same document (found in a review of the merged CLI)."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ipplan.cli import app

runner = CliRunner()

# national_agri_mechanization_2018: the guidance numbers its measures as sections (三)…(二十)
GUIDANCE = """国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见
国发〔2018〕42号
一、总体要求
（一）指导思想。以习近平新时代中国特色社会主义思想为指导。
二、加快推动农机装备产业高质量发展
（二）完善农机装备创新体系。加快建设农机装备创新中心。（工业和信息化部、发展改革委、科技部负责）
（三）推进农机装备全产业链协同发展。支持企业开展农机装备关键零部件研发。（工业和信息化部、商务部负责）
三、持续改善农机作业基础条件
（四）提高农机作业便利程度。推进农田宜机化改造。（农业农村部、自然资源部负责）
"""


def rows(*args: str) -> list[dict]:
    result = runner.invoke(app, [*args, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_info_counts_the_tasks_that_tasks_lists(tmp_path: Path):
    path = tmp_path / "guidance.txt"
    path.write_text(GUIDANCE, encoding="utf-8")
    tasks = rows("tasks", str(path))
    info = rows("info", str(path))[0]
    assert len(tasks) == 4 and info["items"] == len(tasks)  # was 0 items beside 6 units
    assert info["units"] == 6
