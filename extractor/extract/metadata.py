"""Document metadata (SPEC section 2): title and type of the document of substance, its own number,
issuers, date, recipients and the documents it cites. Region and administrative level come from
``extract.region``.
"""

from __future__ import annotations

import cn2an
import regex

from extractor.model import DocType, Metadata, Reference
from extractor.structure.header import DATE, DOC_NUMBER, ISO_DATE, ORGAN_LINE, Header

_TRANSMITTED = regex.compile(r"关于(?:印发|转发|发布)《?(?P<title>.+?)》?(?:的(?:通知|通告|决定))?$")
_TRAILING_PERIOD = regex.compile(r"\s*[(（][^()（）]*\d{4}[^()（）]*[)）]$")
_CITED = regex.compile(
    r"《(?P<title>[^《》]{2,120})》\s*(?:[(（]\s*(?P<number>[^()（）]{2,40}?号)\s*[)）])?"
)
# A quoted title without a number is a cited document only when it names a kind of document.
_DOCUMENT_TITLE = regex.compile(
    r"(?:通知|意见|方案|计划|规划|办法|决定|报告|条例|规定|细则|批复|纲要|法|决议|通告|公告|要点|规则|指南|协定|准则)"
    r"(?:[(（][^()（）]*[)）])?$"
)
_MIN_RECIPIENT = 4
_SPACE = regex.compile(r"\s")
_ATTACHMENT_START = regex.compile(r"^附件\s*(?:\d{1,2}|[一二三四五六七八九十])?\s*(?:$|[^\s:：\d.、．])", regex.MULTILINE)
# One field of a portal metadata line: a key of Chinese characters (文　　号), a colon, and the value up to the
# next such key after a space (a time such as 08:56 is part of its value).
_KEY = r"\p{Han}(?:[\p{Han}\s]{0,6}\p{Han})?"
_FIELDS_IN_LINE = regex.compile(rf"(?P<key>{_KEY})\s*[:：]\s*(?P<value>.*?)\s*(?=\s{_KEY}\s*[:：]|$)")
# The opening of a body that names its own kind: 现提出如下实施意见, 作出如下决定, 编制本规划.
_NAMES_ITSELF = regex.compile(r"(?:提出|作出|制定|编制|形成)(?:如下|以下|本)(?:实施)?(?P<type>意见|决定|规划|方案|办法|计划)")
_OPENING_CHARS = 600
_NOTIFYING = regex.compile(r"现将.{0,40}?(?:下达|印发|转发|通知)|通知如下")
_TRAILING_NUMBER = regex.compile(r"\s*[(（][^()（）]*号[)）]\s*$")
_NEWS_MARK = regex.compile(r"(?P<outlet>\p{Han}{2,12}?)\s*\d{1,2}月\d{1,2}日(?:电|讯)|记者|通讯员|来源[:：]")
_NEWS_DATE = regex.compile(r"^\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?$")
_ORGAN = regex.compile(
    r"(?:中共)?\p{Han}+?(?:市委|县委|区委|州委|旗委|省委|盟委|党委|党工委|人民政府|政府|委员会|领导小组|管委会)"
    r"(?:办公室|办公厅)?|\p{Han}+?(?:办公室|办公厅|局|厅)"
)
_ISSUER_FIELDS = ("发布机关", "发文机关", "制发机关", "发布单位")
_NUMBER_FIELDS = ("文号", "政策文号", "发文字号")
# The date a notice was issued (signed); a portal's posting time (发布时间) or the date it takes effect
# (实施日期) is not its issue date.
_DATE_FIELDS = ("成文日期", "印发日期", "发文日期", "签发日期")
_POSTED_FIELDS = ("发布时间", "发布日期", "来源", "作者")  # the first two give a date
# ... unless the notice is in force from its issue (自印发之日起施行): then the day it took effect is that day.
_EFFECTIVE_FIELDS = ("实施日期", "施行日期", "生效日期")
_IN_FORCE_ON_ISSUE = regex.compile(r"自(?:印发|发布|公布|下发)之日起(?:施行|执行|实施|生效)")
_TYPES: tuple[tuple[str, DocType], ...] = (
    ("通知", "通知"), ("意见", "意见"), ("方案", "方案"), ("计划", "计划"), ("规划", "规划"),
    ("办法", "办法"), ("决定", "决定"), ("报告", "报告"),
)


def doc_type_of(title: str | None) -> DocType:
    if not title:
        return "其他"
    title = _TRAILING_PERIOD.sub("", title)  # 行动计划(2021—2023年) is a 计划
    for suffix, doc_type in _TYPES:
        if title.endswith(suffix):
            return doc_type
    return "其他"


def _field(header: Header, keys: tuple[str, ...]) -> str | None:
    """The value of a portal metadata field such as ``文　　号： 花科工信规字〔2024〕1号``; a line may hold several
    (``名称: …的通知 文号: 泾政〔2023〕1号``)."""
    for line in header.of_kind("field"):
        for match in _FIELDS_IN_LINE.finditer(line.text):
            if _SPACE.sub("", match.group("key")) in keys and match.group("value").strip():
                return match.group("value").strip()
    return None


def _clean_title(line: str) -> str:
    title = _TRAILING_NUMBER.sub("", line)
    number = DOC_NUMBER.match(title)
    if number:
        title = title[number.end():]
    return title.strip().strip("《》").strip()


def extract_title(header: Header, text: str) -> tuple[str | None, DocType]:
    titles = [_clean_title(line.text) for line in header.of_kind("title")]
    own = _printed_title(header)
    for title in titles:
        transmitted = _TRANSMITTED.search(title)
        if transmitted:
            # the carried document's title as printed above its body beats the one quoted in the notice's
            # title line (新余市新余市…办法 there, 新余市…办法 above the text)
            inner = own if own and doc_type_of(own) == doc_type_of(transmitted.group("title")) else transmitted.group("title")
            return inner, doc_type_of(inner)
    if titles:
        # The same title printed twice (a page's headline, then the document's own heading with a layout space
        # after the issuer) reads as the spelling without the space.
        title = min((t for t in titles if _SPACE.sub("", t) == _SPACE.sub("", titles[-1])), key=len)
        doc_type = doc_type_of(title)
        if doc_type == "其他" and _field(header, _POSTED_FIELDS):
            doc_type = "新闻"  # a headline with no document type, posted on a page: a news report
        return title, doc_type
    if is_news(text):
        first = text.split("\n", 1)[0].strip()
        return (first or None), "新闻"
    if header.of_kind("recipients") and _NOTIFYING.search(text, 0, header.body_start + 400):
        return None, "通知"  # no title left, but a salutation and 现将…下达你们: the text of a 通知
    named = _NAMES_ITSELF.search(text, header.body_start, header.body_start + _OPENING_CHARS)
    if named:  # an excerpt without its title that says what it is: 提出如下实施意见, 编制本规划
        return None, doc_type_of(named.group("type"))
    return None, "其他"


def _printed_title(header: Header) -> str | None:
    """A title line after the transmittal, signature or date: the carried document's own title."""
    seen_notice = False
    for line in header.lines:
        if line.kind in {"transmittal", "organ", "date"}:
            seen_notice = True
        elif line.kind == "title" and seen_notice and not _TRANSMITTED.search(line.text):
            return _clean_title(line.text)
    return None


def is_news(text: str) -> bool:
    head = text[:400]
    lines = head.split("\n")
    return bool(_NEWS_MARK.search(head)) or any(_NEWS_DATE.match(line.strip()) for line in lines[:5])


def extract_doc_number(header: Header) -> str | None:
    value = _field(header, _NUMBER_FIELDS)
    if value:
        return value
    for line in header.lines:
        if line.kind in {"number", "title"}:
            match = DOC_NUMBER.search(line.text)
            if match and not _cited_at(line.text, match.start()):
                return match.group("number")
    return None


def _cited_at(text: str, position: int) -> bool:
    """A number right after a quoted title (``》(苏发〔2015〕35号)``) belongs to that title."""
    before = text[:position].rstrip(" (（")
    return before.endswith("》")


def split_organs(name: str) -> list[str]:
    organs = [m.group() for m in _ORGAN.finditer(name)]
    return organs if organs and "".join(organs) == name else [name]


def extract_issuers(header: Header, text: str, title_line: str | None) -> list[str]:
    value = _field(header, _ISSUER_FIELDS)
    if value:
        return split_organs(value)
    organs = [part for line in header.of_kind("organ") for part in line.text.split()]
    if organs:
        return [o for part in organs for o in split_organs(part)]
    if title_line and "关于" in title_line:
        prefix = _clean_title(title_line).split("关于", 1)[0]
        if prefix:
            return split_organs(prefix)
    signature = _closing_signature(text)
    if signature:
        return signature
    if is_news(text):
        match = _NEWS_MARK.search(text[:400])
        if match and match.group("outlet"):
            return [match.group("outlet")]
        lines = [line.strip() for line in text.split("\n")[1:4] if line.strip()]
        if lines and len(lines[0]) <= 12 and not regex.search(r"\p{P}|\d", lines[0]):
            return [lines[0]]
    return []


def _posted_date(header: Header) -> str | None:
    """A news report's date is when it was published (发布时间), unlike a notice's."""
    value = _field(header, _POSTED_FIELDS[:2])
    match = value and (DATE.search(value) or ISO_DATE.search(value))
    return _date_string(match) if match else None


def _closing_lines(text: str) -> list[str]:
    """The last lines of the notice itself: before its first attachment (附件1…, 附件 on a line of its own),
    which follows the signature; the attachment list above the signature (附件:1.…) does not count."""
    attachment = _ATTACHMENT_START.search(text)
    return [line.strip() for line in text[:attachment.start() if attachment else len(text)].rstrip().split("\n")[-6:]]


def _closing_signature(text: str) -> list[str]:
    """Organ lines right above a closing date line (the signature block at the end of a notice)."""
    lines = _closing_lines(text)
    for index in range(len(lines) - 1, 0, -1):
        if DATE.fullmatch(lines[index]) or ISO_DATE.fullmatch(lines[index]):
            organs = []
            for line in reversed(lines[:index]):
                if not line or not all(ORGAN_LINE.match(part) for part in line.split()):  # 甲办公厅     乙办公厅
                    break
                organs.insert(0, line)
            return [o for line in organs for part in line.split() for o in split_organs(part)]
    return []


def _date_string(match: regex.Match[str]) -> str:
    year = match.group("y")
    if not year.isdigit():
        year = "".join(str("〇一二三四五六七八九".index(c)) if c in "〇一二三四五六七八九" else "0" for c in year)
    month = int(cn2an.cn2an(match.group("m"), "smart"))
    day = match.group("d")
    parts = [year, f"{month:02d}"]
    if day:
        parts.append(f"{int(cn2an.cn2an(day, 'smart')):02d}")
    return "-".join(parts)


def extract_issue_date(header: Header, text: str) -> str | None:
    for line in header.lines:
        if line.kind in {"date", "number"}:
            match = DATE.search(line.text) or ISO_DATE.search(line.text)
            if match:
                return _date_string(match)
    value = _field(header, _DATE_FIELDS)
    if value:
        match = DATE.search(value) or ISO_DATE.search(value)
        if match:
            return _date_string(match)
    # a signature date at the end of the notice
    for line in reversed(_closing_lines(text)):
        match = DATE.search(line)
        if match and len(line.strip()) - len(match.group()) <= 30 and not regex.search(r"[。,，]", line):
            return _date_string(match)
    value = _field(header, _EFFECTIVE_FIELDS) if _IN_FORCE_ON_ISSUE.search(text) else None
    match = value and (DATE.search(value) or ISO_DATE.search(value))
    return _date_string(match) if match else None


def split_recipients(line: str) -> list[str]:
    body = line.strip().rstrip(":：")
    parts: list[str] = []
    for chunk in _split_outside_brackets(body, ",，;；"):
        pieces = _split_outside_brackets(chunk, "、")
        # 各县(区)人民政府、管委会: a short piece continues the one before it (各县(区)管委会), so keep it whole
        parts.extend(pieces if all(len(p) >= _MIN_RECIPIENT for p in pieces) else [chunk])
    return [p for p in (x.strip() for x in parts) if p]


def _split_outside_brackets(text: str, separators: str) -> list[str]:
    pieces, depth, current = [], 0, []
    for char in text:
        if char in "(（〔[":
            depth += 1
        elif char in ")）〕]":
            depth = max(0, depth - 1)
        if char in separators and depth == 0:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return pieces


def extract_references(text: str, own_number: str | None, own_titles: set[str]) -> list[Reference]:
    references: list[Reference] = []
    seen: set[tuple[str | None, str | None]] = set()
    covered: list[tuple[int, int]] = []
    own = {_key(t) for t in own_titles if t}
    for match in _CITED.finditer(text):
        title = match.group("title").replace("\n", "")
        number = match.group("number")
        covered.append(match.span())
        if _key(title) in own or (number and own_number and _key(number) == _key(own_number)):
            continue
        if not number and not _DOCUMENT_TITLE.search(title):
            continue  # 《贷款申请表》《企业贷款承诺书》: forms and attachments, not cited documents
        _add(references, seen, title, number)
    for match in DOC_NUMBER.finditer(text):
        if any(a <= match.start() < b for a, b in covered):
            continue
        number = match.group("number")
        if own_number and _key(number) == _key(own_number):
            continue
        _add(references, seen, None, number)
    return references


def _key(value: str) -> str:
    return _SPACE.sub("", value)


def _add(refs: list[Reference], seen: set, title: str | None, number: str | None) -> None:
    key = (title and _key(title), number and _key(number))
    if key not in seen:
        seen.add(key)
        refs.append(Reference(title=title, doc_number=number))


def extract_metadata(header: Header, text: str) -> Metadata:
    title, doc_type = extract_title(header, text)
    titles = header.of_kind("title")
    doc_number = extract_doc_number(header)
    own_titles = {title or ""} | {_clean_title(line.text) for line in titles} | {
        m.group("title") for line in titles if (m := _TRANSMITTED.search(_clean_title(line.text)))}
    return Metadata(
        title=title,
        doc_type=doc_type,
        doc_number=doc_number,
        issuers=extract_issuers(header, text, titles[0].text if titles else None),
        issue_date=extract_issue_date(header, text) or (_posted_date(header) if doc_type == "新闻" else None),
        recipients=[r for line in header.of_kind("recipients") for r in split_recipients(line.text)],
        references=extract_references(text, doc_number, own_titles),
    )

