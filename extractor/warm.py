"""Imported by the forkserver before it forks the batch workers: builds, once, what every document needs — the
policy pipeline with jieba's dictionaries, the gazetteer, the taxonomy and the rule files — so each worker
starts warm instead of spending seconds loading them on its own (``engines.py``).

It does so by extracting a small constructed notice, which reaches every lazily loaded resource.
"""

from extractor.ingest import read_bytes
from extractor.pipeline import build_record

_NOTICE = """某县人民政府关于印发脱贫攻坚实施方案的通知
各乡镇人民政府:
一、目标任务
到2020年,确保全县贫困人口全部脱贫。
二、具体措施
(一)发展扶贫产业。扶持贫困户832户,由县农业局负责,县财政局配合。
(二)加强组织领导。县长任组长。责任单位:县扶贫办。
"""

build_record(read_bytes(_NOTICE.encode("utf-8"), "warm-up.txt"))
