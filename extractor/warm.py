"""Imported by the forkserver before it forks the batch workers: builds, once, what every document needs — the
policy pipeline with jieba's dictionaries, the gazetteer, the taxonomy and the rule files — so each worker
starts warm instead of spending seconds loading them on its own (``engines.py``).

It does so by extracting a small constructed notice, which loads the resources every document uses (a
township's village names and the trained classifier load later, where they are needed). A warm-up that fails
is reported and stops nothing: the workers then load what they need themselves, as a Dask worker does.
"""

import sys

from extractor.ingest import read_bytes

_NOTICE = """某县人民政府关于印发脱贫攻坚实施方案的通知
各乡镇人民政府:
一、目标任务
到2020年,确保全县贫困人口全部脱贫。
二、具体措施
(一)发展扶贫产业。扶持贫困户500户,由县农业局负责,县财政局配合。
(二)加强组织领导。县长任组长。责任单位:县扶贫办。
"""

try:
    from extractor.pipeline import build_record

    build_record(read_bytes(_NOTICE.encode("utf-8"), "warm-up.txt"))
except Exception as exc:  # the forkserver must start whatever happens here; workers would load cold
    print(f"extractor: warm-up of the batch workers failed ({type(exc).__name__}: {exc}); "
          "each worker loads the models itself", file=sys.stderr)
