"""Chinese names the pages show for severities, dimensions and statuses; colour classes."""

from __future__ import annotations

import re

# severity: name, and a shape so that it is never told by colour alone
SEVERITY = {"error": ("错误", "✖"), "warning": ("警告", "▲"), "info": ("提示", "●")}

DIMENSIONS = {
    "count": "计数", "money": "金额", "area": "面积", "length": "长度", "mass": "重量",
    "volume": "体积", "power": "功率", "apparent-power": "视在功率", "voltage": "电压",
    "energy": "能量", "coal-equivalent": "标准煤", "temperature": "温度", "duration": "时长",
    "age": "年龄", "percent": "百分比", "percentage-point": "百分点", "multiple": "倍数",
    "number": "数字",
}


def severity_label(severity: str) -> str:
    name, shape = SEVERITY.get(severity, (severity, "●"))
    return f"{shape} {name}"


def dimension_class(dimension: str) -> str:
    return "dim-" + (re.sub(r"[^a-z0-9-]", "", dimension.lower()) or "other")
