"""The header block of an official document, kept apart from the body.

Header lines come before the first numbered heading and the first body paragraph: 文号, title (possibly
repeated), 主送 recipients ending with a colon, the transmittal sentence (现将…印发给你们), signature organs,
the date. Each header line is classified; the body starts at the first line that is none of these.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractor.normalize.linejoin import DOC_TYPE_END, YEAR_DIGITS, names_a_document

DOC_NUMBER = regex.compile(
    r"(?P<number>\p{Han}{1,12}\s*[〔\[(（【]\s*(?:19|20)\d{2}\s*[〕\])）】]\s*第?\s*\d{1,4}\s*号)"
)
DATE = regex.compile(
    rf"(?P<y>(?:19|20)\d{{2}}|[{YEAR_DIGITS}]{{4}})\s*年"
    r"\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"(?:\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?"
)
ISO_DATE = regex.compile(r"(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
_SENTENCE_MARK = regex.compile(r"[。，,;；:：!?！？]")
_CLAUSE_END = regex.compile(r"[。;；]$")
ORGAN_LINE = regex.compile(
    r"^(?:中共)?\p{Han}{2,30}?(?:人民政府|政府|委员会|党委|市委|县委|区委|旗委|州委|省委|办公室|办公厅|局|厅|领导小组|"
    r"小组|委|办|中心|站|所|司)(?:办公室)?$"
)
_RECIPIENT_LINE = regex.compile(r"^[^。]{2,400}[:：]$")
FIELD = regex.compile(r"^(?P<key>[^:：]{1,8})\s*[:：]\s*(?P<value>.*)$")
# PKULaw titles of transmittals run to 120 characters and more.
_MAX_TITLE = 160
_PORTAL_LINE = regex.compile(r"^【[^】]{1,10}】|^https?://")
# The body's opening sentence (为贯彻落实《…》…,现提出以下意见:) ends with a colon like a recipients line, and
# may quote a 关于… title: it is neither.
_OPENING = regex.compile(r"现(?:提出|就|将|制定|作出)|(?:如下|以下)(?:实施)?(?:意见|决定|规定|通知|方案)")
_TRANSMITTAL = regex.compile(r"现将|印发给你们|印发你们|请认真|遵照执行|贯彻执行|抓好贯彻")


@dataclass(frozen=True)
class HeaderLine:
    kind: str  # title | number | recipients | transmittal | organ | date | field | news
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Header:
    lines: list[HeaderLine]
    body_start: int

    def of_kind(self, kind: str) -> list[HeaderLine]:
        return [line for line in self.lines if line.kind == kind]


def classify(line: str) -> str | None:
    stripped = line.strip()
    if not stripped:
        return None
    if _PORTAL_LINE.match(stripped):
        return "field"
    unwrapped = stripped.strip("()（）[]【】")
    number = DOC_NUMBER.search(unwrapped)
    if number and number.start() == 0 and len(unwrapped) - len(number.group()) <= 14:
        return "number"  # "木政发〔2016〕10号", "泰发〔2016〕5号 2016年2月23日"
    if FIELD.match(stripped) and not _RECIPIENT_LINE.match(stripped) and len(stripped) < 120:
        return "field"  # portal metadata: "发布机关： …", "文　　号： …"
    if _is_date_line(stripped):
        return "date"
    if ORGAN_LINE.match(stripped) and not DOC_TYPE_END.search(stripped):
        return "organ"
    if (_RECIPIENT_LINE.match(stripped) and ("各" in stripped or "、" in stripped or "," in stripped)
            and len(stripped) < 400 and "《" not in stripped and not _OPENING.search(stripped)):
        return "recipients"
    if _TRANSMITTAL.search(stripped) and len(stripped) < 200:
        return "transmittal"
    if len(stripped) <= _MAX_TITLE and not _CLAUSE_END.search(stripped) and not _OPENING.search(stripped):
        if names_a_document(stripped) or "关于" in stripped:
            return "title"
    return None


def _is_date_line(line: str) -> bool:
    match = DATE.search(line) or ISO_DATE.search(line)
    return bool(match) and len(line) - len(match.group()) <= 6


def _untitled_heading(line: str, before: list[HeaderLine]) -> bool:
    """A short line with no sentence punctuation right after 文号 or portal fields, before any title."""
    stripped = line.strip()
    return (
        bool(before) and before[-1].kind in {"number", "field"} and not any(l.kind == "title" for l in before)
        and 4 <= len(stripped) <= 60 and not _SENTENCE_MARK.search(stripped)
    )


def _headline(line: str, following: str) -> bool:
    """A short first line without sentence punctuation, followed by a portal field (发布时间：…, 来源：…)."""
    stripped = line.strip()
    return (4 <= len(stripped) <= 60 and not _SENTENCE_MARK.search(stripped)
            and classify(following) == "field")


def parse_header(text: str, first_heading: int | None) -> Header:
    """Classify the lines before the body: the body starts at the first unclassified line or heading."""
    lines: list[HeaderLine] = []
    offset = 0
    limit = first_heading if first_heading is not None else len(text)
    raw_lines = text.split("\n")
    for index, raw in enumerate(raw_lines):
        start, offset = offset, offset + len(raw) + 1
        if start >= limit:
            break
        line = raw.strip().strip("|").strip()  # the bars of a flattened web table (标题 |) are not its text
        kind = classify(line)
        if kind is None and _untitled_heading(line, lines):
            kind = "title"  # 广州开发区(黄埔区)促进人才高质量发展的政策措施: a title without a type word
        if kind is None and not lines and index + 1 < len(raw_lines) and _headline(line, raw_lines[index + 1]):
            kind = "title"  # a web page's headline, with its 发布时间 line under it
        if kind is None:
            return Header(lines, start)
        lines.append(HeaderLine(kind, line, start, start + len(raw)))
    return Header(lines, min(limit, len(text)))
