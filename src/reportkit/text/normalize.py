"""A matching view of the text: one character in, one character out.

Full-width ASCII (，（）１２３％) folds to half-width, the ideographic space to a space, and the
traditional forms that matter for numbers and units (萬 億 點 兩 負 …) to simplified ones.
Because the mapping is strictly character for character, every offset found in the folded
view is an offset into the original text: nothing ever needs mapping back.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..compiled import compile_re

# Traditional → simplified, only where numerals, units, qualifiers, verbs and furniture need it.
_TRADITIONAL = (
    "萬万 億亿 點点 兩两 負负 參参 貳贰 陸陆 圓元 噸吨 畝亩 裡里 釐厘 個个 項项 們们 "
    "間间 處处 輛辆 場场 條条 戶户 積积 與与 為为 這这 對对 數数 發发 實实 現现 "
    "際际 產产 總总 類类 東东 區区 鄉乡 廠厂 車车 幣币 歲岁 餘余 約约 幾几 "
    "達达 增增 長长 較较 計计 劃划 點点 億亿 萬万 國国 經经 濟济 農农 業业 "
    "糧粮 財财 稅税 貨货 貿贸 進进 會会 議议 屆届 義义 開开 關关 廣广 來来 "
    "辦办 結结 處处 員员 學学 醫医 億亿 歷历 當当 銷销 檢检 設设 築筑 隊队 "
    "億亿 遞递 萬万 種种 機机 環环 單单 雙双 節节 體体 報报 廳厅 縣县 鎮镇 "
    "減减 價价 資资 億亿 務务 戰战 線线 頭头 級级 階阶 變变 億亿 預预 億亿 "
    # numerals, units and qualifiers read by numbers.py, units.yaml and qualifiers.yaml
    "倆俩 叄叁 頃顷 時时 週周 棟栋 層层 隻只 張张 冊册 門门 筆笔 臺台 鐘钟 顆颗 盞盏 "
    "輪轮 組组 過过 於于 內内 將将 滿满 標标 準准 歐欧"
)


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table[cp] = chr(cp - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    table[0x00A0] = " "  # no-break space (the sample has them)
    for pair in _TRADITIONAL.split():
        table[ord(pair[0])] = pair[1]
    # Dashes and tildes used in ranges all read as one hyphen for matching.
    for ch in "－–—―～〜":
        table[ord(ch)] = "-" if ch not in "～〜" else "~"
    table[ord("﹪")] = "%"
    return table


TABLE = _build_table()
# The characters that fold, each split off the text and looked up. ``str.translate`` looks
# every character of a non-ASCII text up in the table (an int object and a dict probe each);
# most characters of a report (its Chinese prose) do not fold. Those the table maps to
# themselves (增) are left out: splitting at them changes nothing. The same string for any
# input.
_FOLDED = {chr(cp): to for cp, to in TABLE.items() if chr(cp) != to}
_SHORT = 256  # below this the split costs more than it saves


@lru_cache(maxsize=1)
def _folding_characters() -> re.Pattern:
    # One character a match, not a run (``[…]+``): a pattern that opens with a repeat is
    # tried at every position of the text, one that opens with a character class lets the
    # search skip to the next candidate in C (a third of the instructions over a report);
    # and each match is one dict lookup, where a run would need a translate call.
    return compile_re("([" + re.escape("".join(_FOLDED)) + "])")


def fold(text: str) -> str:
    """Return the matching view of ``text``: same length, same offsets."""
    if len(text) < _SHORT:
        return text.translate(TABLE)
    # The full-width comma and the ideographic space are nine in ten folding characters of a
    # report: replaced in C first, they are not split off one by one. No character folds to
    # one that folds again, so the order of the replacements changes nothing.
    text = text.replace("，", ",").replace("\u3000", " ")
    parts = _folding_characters().split(text)
    parts[1::2] = map(_FOLDED.__getitem__, parts[1::2])
    return "".join(parts)
