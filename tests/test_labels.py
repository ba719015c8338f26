"""What each quantity counts (label) and by which action (verb): clauses from the sample and
the State Council reports, each read on its own, with the label and verb a reader gives."""

from __future__ import annotations

import pytest

import reportkit

# (text as it stands in a report, the quantity, expected label, expected verb)
CASES = [
    # the sample (东城街道 2023 上半年)
    ("街道党工委理论学习中心组开展专题学习6次,组织“学习日”学习活动3次。", "6次", "专题学习", "开展"),
    ("街道党工委理论学习中心组开展专题学习6次,组织“学习日”学习活动3次。", "3次", "学习日学习活动", "组织"),
    ("设立101个综合网格党支部,确保村(社区)党员全部融入其中。", "101个", "综合网格党支部", "设立"),
    ("各村(社区)因地制宜地设置30个党群直通站,共计协调解决民生服务、物业管理等各类诉求1900余件。", "30个", "党群直通站", "设置"),
    ("各村(社区)因地制宜地设置30个党群直通站,共计协调解决民生服务、物业管理等各类诉求1900余件。", "1900余件", "诉求", "协调解决"),
    ("给予诫勉谈话2人,提醒谈话2人,批评教育3人。", "3人", "批评教育", "给予"),
    ("已招引现代服务业项目7个,其中总投资超3000万元项目4个。", "7个", "现代服务业项目", "招引"),
    ("完成住户信息采集77828户、商户信息采集2927户。", "77828户", "住户信息采集", "完成"),
    ("完成住户信息采集77828户、商户信息采集2927户。", "2927户", "商户信息", "采集"),
    ("累计处理各类问题4496个。", "4496个", "问题", "处理"),
    ("现场摸排化解矛盾43个,收集建议141条。", "43个", "矛盾", "化解"),
    ("街道受理12345工单1896件,已办结1811件;", "1896件", "12345工单", "受理"),
    ("街道受理12345工单1896件,已办结1811件;", "1811件", "12345工单", "办结"),
    ("受理劳动纠纷调解申请88件,已化解79件;", "88件", "劳动纠纷调解申请", "受理"),
    ("受理劳动纠纷调解申请88件,已化解79件;", "79件", "劳动纠纷调解申请", "化解"),
    ("协助企业职工3人、农村妇女5人成功申请创业贷款合计140万元。", "5人", "农村妇女", "协助"),
    ("协助企业职工3人、农村妇女5人成功申请创业贷款合计140万元。", "140万元", "创业贷款", "申请"),
    ("开展文化活动,惠及居民35万人次。", "35万人次", "居民", "惠及"),
    ("办结1573件,综合办证率达83.14%。", "83.14%", "综合办证率", None),
    ("走访慰问残疾人两项补贴对象627人,发放资金238.16万元;", "627人", "残疾人两项补贴对象", "走访慰问"),
    ("走访慰问残疾人两项补贴对象627人,发放资金238.16万元;", "238.16万元", "资金", "发放"),
    ("走访慰问农村低保家庭115户147人、城市低保家庭24户32人,发放低保资金82.33万元;", "115户", "农村低保家庭", "走访慰问"),
    ("走访慰问农村低保家庭115户147人、城市低保家庭24户32人,发放低保资金82.33万元;", "147人", "农村低保家庭", "走访慰问"),
    ("走访慰问农村低保家庭115户147人、城市低保家庭24户32人,发放低保资金82.33万元;", "32人", "城市低保家庭", "走访慰问"),
    ("走访慰问农村低保家庭115户147人、城市低保家庭24户32人,发放低保资金82.33万元;", "82.33万元", "低保资金", "发放"),
    ("走访慰问计生困难家庭82户、计生特殊家庭94户,发放慰问金14.70万元;", "14.70万元", "慰问金", "发放"),
    ("走访慰问城市“三无”对象2人,发放资金2.25万;", "2.25万", "资金", "发放"),
    ("市现场考评案件整改51起,市日常巡查案件整改158起;", "51起", "市现场考评案件", "整改"),
    ("市现场考评案件整改51起,市日常巡查案件整改158起;", "158起", "市日常巡查案件", "整改"),
    ("清理乱堆放6065处;清除乱张贴4518处;", "4518处", "乱张贴", "清除"),
    ("处理乱停放267起,罚款5340元;", "267起", "乱停放", "处理"),
    ("已排查单位584家,发现火灾隐患137处,督促完成整改128处。", "137处", "火灾隐患", "发现"),
    ("已排查单位584家,发现火灾隐患137处,督促完成整改128处。", "128处", "火灾隐患", "完成整改"),
    ("共出动检查人员280人次,培训消防安全责任人、管理人577人次。", "577人次", "管理人", "培训"),
    ("共检查561家,发现问题67个,完成整改28个;", "28个", "问题", "完成整改"),
    ("街道党政领导每季度分别对57家C级主体、1931家D级主体开展一次食品安全包保工作督查。", "1931家", "D级主体", None),
    ("完成20个入河排口整治;初步完成金花河等3条河道排口摸排工作。", "20个", "入河排口", "完成"),
    ("20家涉磷企业已完成整改16家。", "16家", "涉磷企业", "完成整改"),
    ("计划就地整改废品回收站18家,取缔废品回收站6家。", "18家", "废品回收站", "整改"),
    ("计划就地整改废品回收站18家,取缔废品回收站6家。", "6家", "废品回收站", "取缔"),
    # State Council reports
    ("国内生产总值达到134.9万亿元、增长5%。", "134.9万亿元", "国内生产总值", None),
    ("国内生产总值达到134.9万亿元、增长5%。", "5%", "国内生产总值", "增长"),
    ("城镇新增就业1256万人,城镇调查失业率平均为5.1%。", "1256万人", "就业", "新增"),
    ("城镇新增就业1256万人,城镇调查失业率平均为5.1%。", "5.1%", "城镇调查失业率", None),
    ("居民消费价格上涨0.2%。", "0.2%", "居民消费价格", "上涨"),
    ("外汇储备超过3.2万亿美元。", "超过3.2万亿美元", "外汇储备", None),
    ("粮食产量首次跃上1.4万亿斤新台阶。", "1.4万亿斤", "粮食产量", None),
    ("可再生能源新增装机3.7亿千瓦。", "3.7亿千瓦", "装机", "新增"),
    ("赤字率拟按4%左右安排,比上年提高1个百分点。", "1个百分点", "赤字率", "提高"),
    ("拟安排地方政府专项债券4.4万亿元、比上年增加5000亿元。", "5000亿元", "地方政府专项债券", "增加"),
    ("全国粮食总产量在4800亿公斤以上。", "4800亿公斤以上", "粮食总产量", None),
    ("当年减少青壮年文盲400万人。", "400万人", "青壮年文盲", "减少"),
    ("城乡新建住房11亿平方米。", "11亿平方米", "住房", "新建"),
    ("今年中央预算内投资拟安排7000亿元。", "7000亿元", "中央预算内投资", "安排"),
    ("城乡居民基础养老金月最低标准再提高20元。", "20元", "城乡居民基础养老金月最低标准", "提高"),
]


@pytest.mark.parametrize("text, quantity, label, verb", CASES)
def test_label_and_verb(text, quantity, label, verb):
    doc = reportkit.parse(text)
    matches = [q for q in doc.quantities if q.text == quantity]
    assert matches, [q.text for q in doc.quantities]
    q = matches[0]
    assert (q.label, q.verb) == (label, verb)


def test_the_table_is_large_enough():
    assert len(CASES) >= 40


def test_key_combines_label_verb_and_dimension():
    doc = reportkit.parse("街道受理12345工单1896件,已办结1811件;")
    assert [q.key for q in doc.quantities] == ["12345工单|受理|count", "12345工单|办结|count"]


def test_targets_per_and_cumulative():
    doc = reportkit.parse("三、下半年工作计划\n1.强化治理。每个月不少于450家;计划取缔废品回收站6家。\n")
    q450, q6 = doc.quantities
    assert (q450.per, q450.target, q450.qualifier) == ("月", True, "不少于")
    assert q6.target is True
    done = reportkit.parse("一、上半年工作\n1.治理。累计处理各类问题4496个。\n").quantities[0]
    assert (done.text, done.cumulative, done.target) == ("4496个", True, False)


def test_verb_trie_matches_the_plain_alternation():
    """The verb pattern, written as a trie, finds what the alternation longest first finds,
    over real clauses and random strings of the verbs' own characters (where words overlap
    and the lookarounds fail most)."""
    import random

    import regex

    from reportkit.data import load_yaml
    from reportkit.numbers import labels

    data = load_yaml("verbs.yaml")
    verbs = sorted({w for ws in data["families"].values() for w in ws}, key=len, reverse=True)
    tail = "(?!" + labels._alternation(data["noun_suffixes"]) + ")"
    trie = labels._verbs()["pattern"]
    plain = regex.compile("(?<![乱总])(?:" + "|".join(map(regex.escape, verbs)) + ")" + tail)
    alphabet = "".join(sorted(set("".join(verbs) + "".join(data["noun_suffixes"]) + "乱总的1，")))
    rng = random.Random(12)
    texts = [text for text, *_ in CASES]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    texts += ["".join(rng.choice(verbs) + rng.choice(["", "乱", "总"] + data["noun_suffixes"])
                      for _ in range(8)) for _ in range(2000)]
    for text in texts:
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)], text


@pytest.mark.parametrize("words", [["a"], ["ab", "a"], ["abc", "ab", "abd", "b"], ["x", "xyz"], ["一"]])
def test_word_trie_small_cases(words):
    import itertools

    import regex

    from reportkit.numbers.lexicon import word_trie

    trie = regex.compile(word_trie(words) + "(?!z)")
    plain = regex.compile("(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")(?!z)")
    for n in range(6):
        for chars in itertools.product("abcdxyz一", repeat=n):
            text = "".join(chars)
            assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
