"""Links between tasks: what depends on what (DEPENDS_ON) and what is the same measure (SIMILAR_TO).

Every link carries its ``basis`` (the kind of reason), ``evidence`` (the words or rule that
justify it), a ``score`` and the documents involved, so a planner can see why it exists.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from graph_build.model import Extraction, Rel, Task
from graph_build.normalize import fold_text
from graph_build.policies import normalise_title
from graph_build.resources import link_stopwords, prerequisite_rules
from graph_build.tokens import tokenize

DEFAULT_SIMILARITY_THRESHOLD = 0.14
DEFAULT_TOP_K = 10
CHUNK_ROWS = 2048
# Candidate pairs come only from terms in at most this share of tasks (but at least
# MIN_CANDIDATE_DF tasks): a term in thousands of tasks says little about any pair and makes the
# candidate product quadratic. Candidates are then scored on all their terms.
MAX_CANDIDATE_DF_SHARE = 0.01
MIN_CANDIDATE_DF = 50
REFORM_BOOST = 0.1
INDICATOR_BOOST = 0.05
MAX_BOOST = 0.2

BASIS_PRODUCES = "produces_policy"
BASIS_PARENT_PLAN = "implements_parent_plan"
BASIS_RULE = "prerequisite_rule"
BASIS_PLATFORM = "builds_on_platform"
BASIS_SIMILARITY = "similarity"

# 依托南昌市工程建设项目审批管理系统 / 基于信用信息共享平台 / 在…平台基础上 — a task building on a
# platform or system; the noun phrase is what another task must build.
_BUILDS_ON = re.compile(
    r"(?:依托|基于|借助|利用|通过|在)([^,。;、“”]{2,24}?(?:平台|系统|数据库|库|专区|大脑|网))"
)
_BUILDS = "建设|建成|搭建|升级|打造|上线|开发|构建|建立|完善|优化|扩展|改造"


@dataclass(frozen=True, slots=True)
class Link:
    """One link: ``source`` DEPENDS_ON ``target``, or ``source`` SIMILAR_TO ``target`` (stored once,
    ``source`` < ``target``)."""

    source: str
    target: str
    type: Rel
    basis: str
    evidence: str
    score: float
    rule: str
    documents: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _TaskInfo:
    task: Task
    document: str
    jurisdiction: str
    parent_jurisdiction: str
    text: str  # analysis form


def _task_infos(extractions: Iterable[Extraction]) -> list[_TaskInfo]:
    infos = []
    for extraction in extractions:
        doc = extraction.document
        for task in extraction.tasks:
            infos.append(
                _TaskInfo(task, doc.id, doc.jurisdiction, doc.parent_jurisdiction, fold_text(task.text))
            )
    return infos


def link_tasks(
    extractions: list[Extraction],
    *,
    threshold: float = DEFAULT_SIMILARITY_THRESHOLD,
    top_k: int = DEFAULT_TOP_K,
) -> list[Link]:
    """All links of a corpus, sorted by (type, source, target).

    Notes
    -----
    DEPENDS_ON comes from four rules: a task that drafts 《X》 is depended on by whoever cites or
    implements 《X》; a plan implementing its parent plan (in the corpus) depends on the matching
    tasks of that plan; reviewed prerequisite rules (``prerequisites.tsv``) along one jurisdiction
    chain; a task that builds on (依托) a platform another task of its plan builds. SIMILAR_TO is
    TF-IDF cosine over jieba tokens across documents, boosted by shared reforms and indicators.
    """
    infos = _task_infos(extractions)
    links = [
        *policy_dependencies(extractions),
        *rule_dependencies(infos),
        *platform_dependencies(infos),
    ]
    similar = similarity_links(infos, threshold=threshold, top_k=top_k)
    links.extend(similar)
    links.extend(parent_plan_dependencies(extractions, similar))
    unique: dict[tuple[str, str, Rel], Link] = {}
    for link in links:
        key = (link.source, link.target, link.type)
        if key not in unique or link.score > unique[key].score:
            unique[key] = link
    return sorted(unique.values(), key=lambda link: (link.type.value, link.source, link.target))


# --- DEPENDS_ON: policies --------------------------------------------------------------------------


def policy_dependencies(extractions: list[Extraction]) -> list[Link]:
    """Whoever cites or implements 《X》 depends on the task that drafts or issues 《X》."""
    producers: dict[str, list[tuple[Task, str]]] = defaultdict(list)
    for extraction in extractions:
        for task in extraction.tasks:
            for citation in task.citations:
                if citation.relation == "produces":
                    producers[citation.title].append((task, extraction.document.id))
    links = []
    for extraction in extractions:
        doc = extraction.document
        for citation in doc.citations:
            for producer, producer_doc in producers.get(citation.title, []):
                verb = "implements" if citation.relation == "implements" else "cites"
                links.append(
                    Link(
                        doc.id,
                        producer.id,
                        Rel.DEPENDS_ON,
                        BASIS_PRODUCES,
                        f"《{citation.title}》: this plan {verb} it; task {producer.number} drafts it",
                        1.0,
                        "",
                        tuple(sorted({doc.id, producer_doc})),
                    )
                )
        for task in extraction.tasks:
            for citation in task.citations:
                if citation.relation != "cites":
                    continue
                for producer, producer_doc in producers.get(citation.title, []):
                    if producer.id != task.id:
                        links.append(
                            Link(
                                task.id,
                                producer.id,
                                Rel.DEPENDS_ON,
                                BASIS_PRODUCES,
                                f"《{citation.title}》: cited here, drafted by task {producer.number}",
                                1.0,
                                "",
                                tuple(sorted({doc.id, producer_doc})),
                            )
                        )
    return links


def parent_plan_dependencies(extractions: list[Extraction], similar: list[Link]) -> list[Link]:
    """Tasks of a plan that implements a plan in the corpus depend on the matching tasks there
    (matched by similarity)."""
    by_title = {normalise_title(fold_text(e.document.title)): e.document.id for e in extractions}
    implemented: dict[str, set[str]] = defaultdict(set)
    for extraction in extractions:
        for citation in extraction.document.citations:
            parent = by_title.get(citation.title)
            if citation.relation == "implements" and parent and parent != extraction.document.id:
                implemented[extraction.document.id].add(parent)
    if not implemented:
        return []
    task_doc = {t.id: e.document.id for e in extractions for t in e.tasks}
    links = []
    for link in similar:
        a, b = task_doc.get(link.source), task_doc.get(link.target)
        if a and b and b in implemented.get(a, set()):
            links.append(
                Link(
                    link.source,
                    link.target,
                    Rel.DEPENDS_ON,
                    BASIS_PARENT_PLAN,
                    f"this plan implements its parent plan; shared: {link.evidence}",
                    link.score,
                    "",
                    (a, b),
                )
            )
        if a and b and a in implemented.get(b, set()):
            links.append(
                Link(
                    link.target,
                    link.source,
                    Rel.DEPENDS_ON,
                    BASIS_PARENT_PLAN,
                    f"this plan implements its parent plan; shared: {link.evidence}",
                    link.score,
                    "",
                    (b, a),
                )
            )
    return links


# --- DEPENDS_ON: prerequisite rules and platforms ---------------------------------------------------


def _same_chain(dependent: _TaskInfo, prerequisite: _TaskInfo) -> bool:
    """A district task may depend on its own city's task, never on another city's."""
    if dependent.document == prerequisite.document or dependent.jurisdiction == prerequisite.jurisdiction:
        return True
    return bool(dependent.parent_jurisdiction) and prerequisite.jurisdiction == dependent.parent_jurisdiction


def rule_dependencies(infos: list[_TaskInfo]) -> list[Link]:
    """Reviewed prerequisite rules: 免证办 ← 电子证照, 秒批秒办 ← 数据共享 …; one prerequisite task (the
    one most about the capability) per dependent task, rule and document.

    Prerequisite candidates are indexed by jurisdiction, so each dependent only meets the tasks of
    its own jurisdiction chain: linear in the corpus, not quadratic.
    """
    links = []
    for rule in prerequisite_rules():
        by_place: dict[str, list[tuple[_TaskInfo, Counter[str]]]] = defaultdict(list)
        for info in infos:
            terms = _about(info, rule.prerequisite_terms)
            if terms:
                by_place[info.jurisdiction].append((info, terms))
        for dependent in infos:
            dep_terms = _terms_in(dependent.text, rule.dependent_terms)
            if not dep_terms:
                continue
            places = {dependent.jurisdiction, dependent.parent_jurisdiction} - {""}
            best: dict[str, tuple[tuple[int, str], _TaskInfo, Counter[str]]] = {}
            for place in sorted(places):
                for prerequisite, pre_terms in by_place.get(place, []):
                    if prerequisite.task.id == dependent.task.id or not _same_chain(dependent, prerequisite):
                        continue
                    if (
                        dependent.task.id in (prerequisite.task.parent_id,)
                        or prerequisite.task.id == dependent.task.parent_id
                    ):
                        continue
                    # Naming the capability in the title wins; then the smallest id, so the general
                    # capability task (强化电子证照应用) beats later special cases.
                    key = (-min(3, max(pre_terms.values())), prerequisite.task.id)
                    current = best.get(prerequisite.document)
                    if current is None or key < current[0]:
                        best[prerequisite.document] = (key, prerequisite, pre_terms)
            for (negative_strength, _), prerequisite, pre_terms in best.values():
                evidence = (
                    f"{rule.name}: 「{'、'.join(sorted(dep_terms))}」 needs "
                    f"「{'、'.join(sorted(pre_terms))}」 ({rule.why})"
                )
                links.append(
                    Link(
                        dependent.task.id,
                        prerequisite.task.id,
                        Rel.DEPENDS_ON,
                        BASIS_RULE,
                        evidence,
                        round(min(0.95, 0.6 - 0.1 * negative_strength), 4),
                        rule.name,
                        tuple(sorted({dependent.document, prerequisite.document})),
                    )
                )
    return links


def _about(info: _TaskInfo, terms: tuple[str, ...]) -> Counter[str]:
    """Prerequisite terms a task is *about*: named in its title, or named twice or more."""
    title = fold_text(info.task.title)
    found = Counter(
        {t: min(2, info.text.count(t)) + (1 if t in title else 0) for t in terms if t in info.text}
    )
    return Counter({t: n for t, n in found.items() if n >= 2})


def _terms_in(text: str, terms: tuple[str, ...]) -> Counter[str]:
    return Counter({term: text.count(term) for term in terms if term in text})


def platform_dependencies(infos: list[_TaskInfo]) -> list[Link]:
    """Within one plan: a task that builds on (依托/基于) a platform depends on the task that builds it."""
    by_document: dict[str, list[_TaskInfo]] = defaultdict(list)
    for info in infos:
        by_document[info.document].append(info)
    links = []
    for tasks in by_document.values():
        for dependent in tasks:
            for m in _BUILDS_ON.finditer(dependent.text):
                platform = _core_platform(m.group(1))
                if len(platform) < 3:
                    continue
                builds = re.compile(rf"(?:{_BUILDS})[^,。;]{{0,12}}{re.escape(platform)}")
                for builder in tasks:
                    if builder.task.id == dependent.task.id or builder.task.parent_id == dependent.task.id:
                        continue
                    found = builds.search(builder.text)
                    if found:
                        links.append(
                            Link(
                                dependent.task.id,
                                builder.task.id,
                                Rel.DEPENDS_ON,
                                BASIS_PLATFORM,
                                f"builds on 「{m.group(0)}」; task {builder.task.number}: 「{found.group(0)}」",  # noqa: E501
                                0.8,
                                "",
                                (dependent.document,),
                            )
                        )
    return links


def _core_platform(phrase: str) -> str:
    """The platform's name without a leading place or qualifier.

    南昌市工程建设项目审批管理系统 → 工程建设项目审批管理系统.
    """
    core = re.sub(r"^(市|区|县|全市|全省|省级|市级|本地|现有|南昌市|[\u4e00-\u9fff]{2,3}市)", "", phrase)
    return core.strip()


# --- SIMILAR_TO -------------------------------------------------------------------------------------


def task_terms(text: str) -> list[str]:
    """Tokens that can say two tasks are about the same thing (stop words and numbers out)."""
    stop = link_stopwords()
    return [
        t for t in tokenize(text) if t not in stop and not t.isdigit() and not re.fullmatch(r"[\d.%]+", t)
    ]


def tfidf_matrix(documents: list[list[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    """Rows L2-normalised, sublinear term frequency, smoothed idf."""
    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, terms in enumerate(documents):
        for term, count in Counter(terms).items():
            column = vocabulary.setdefault(term, len(vocabulary))
            rows.append(row)
            cols.append(column)
            values.append(1.0 + math.log(count))
    matrix = sparse.csr_matrix(
        (np.array(values, dtype=np.float32), (rows, cols)), shape=(len(documents), len(vocabulary))
    )
    df = np.bincount(matrix.indices, minlength=len(vocabulary))
    idf = np.log((len(documents) + 1) / (df + 1)) + 1.0
    matrix = matrix.multiply(idf.astype(np.float32)).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.diags(1.0 / norms).dot(matrix).tocsr().astype(np.float32)
    terms = [""] * len(vocabulary)
    for term, column in vocabulary.items():
        terms[column] = term
    return matrix, terms


def top_k_neighbours(
    matrix: sparse.csr_matrix, groups: np.ndarray, *, k: int, floor: float, chunk: int = CHUNK_ROWS
) -> Iterator[tuple[int, int, float]]:
    """``(i, j, cosine)`` for each row's ``k`` best columns in other groups with cosine ≥ ``floor``,
    computed in row chunks of a sparse product (memory bounded by the chunk, never all pairs)."""
    transposed = matrix.T.tocsc()
    for start in range(0, matrix.shape[0], chunk):
        block = (matrix[start : start + chunk] @ transposed).tocsr()
        for offset in range(block.shape[0]):
            i = start + offset
            lo, hi = block.indptr[offset], block.indptr[offset + 1]
            columns, scores = block.indices[lo:hi], block.data[lo:hi]
            keep = (groups[columns] != groups[i]) & (scores >= floor)
            columns, scores = columns[keep], scores[keep]
            if len(columns) > k:
                best = np.argpartition(-scores, k)[:k]
                columns, scores = columns[best], scores[best]
            for j, score in zip(columns.tolist(), scores.tolist(), strict=True):
                yield i, j, score


def similarity_links(
    infos: list[_TaskInfo], *, threshold: float = DEFAULT_SIMILARITY_THRESHOLD, top_k: int = DEFAULT_TOP_K
) -> list[Link]:
    """The same measure in different documents: TF-IDF cosine, top-k per task, boosted by shared
    reforms and indicators; evidence is the shared terms that weigh most.

    Candidates come from a sparse product restricted to distinctive terms, in row chunks, so
    memory is bounded by a chunk and the work stays near-linear in the number of tasks; each
    candidate is then scored exactly on all its terms.
    """
    if len(infos) < 2:
        return []
    documents = [task_terms(info.text) for info in infos]
    matrix, terms = tfidf_matrix(documents)
    document_index: dict[str, int] = {}
    groups = np.array([document_index.setdefault(info.document, len(document_index)) for info in infos])
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    cap = max(MIN_CANDIDATE_DF, int(MAX_CANDIDATE_DF_SHARE * len(infos)))
    distinctive = sparse.diags((df <= cap).astype(np.float32))
    candidates = (matrix @ distinctive).tocsr()
    candidates.eliminate_zeros()
    best: dict[tuple[int, int], float] = {}
    for i, j, _ in top_k_neighbours(candidates, groups, k=top_k, floor=1e-9):
        a, b = (i, j) if infos[i].task.id < infos[j].task.id else (j, i)
        if (a, b) not in best:
            best[(a, b)] = _cosine(matrix, a, b)
    floor = max(0.0, threshold - MAX_BOOST)
    links = []
    for (a, b), cosine in sorted(best.items()):
        if cosine < floor:
            continue
        left, right = infos[a], infos[b]
        shared_reforms = sorted({r.name for r in left.task.reforms} & {r.name for r in right.task.reforms})
        shared_indicators = sorted(
            {i.name for i in left.task.indicators} & {i.name for i in right.task.indicators}
        )
        boost = min(MAX_BOOST, REFORM_BOOST * len(shared_reforms) + INDICATOR_BOOST * len(shared_indicators))
        score = round(min(1.0, cosine + boost), 4)
        if score < threshold:
            continue
        parts = [f"terms: {'、'.join(_shared_terms(matrix, terms, a, b))}"]
        if shared_reforms:
            parts.append(f"reforms: {'、'.join(shared_reforms)}")
        if shared_indicators:
            parts.append(f"indicators: {'、'.join(shared_indicators)}")
        links.append(
            Link(
                left.task.id,
                right.task.id,
                Rel.SIMILAR_TO,
                BASIS_SIMILARITY,
                "; ".join(parts),
                score,
                f"cosine {cosine:.3f} + boost {boost:.2f}",
                tuple(sorted({left.document, right.document})),
            )
        )
    return links


def _row(matrix: sparse.csr_matrix, row: int) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = matrix.indptr[row], matrix.indptr[row + 1]
    return matrix.indices[lo:hi], matrix.data[lo:hi]


def _cosine(matrix: sparse.csr_matrix, a: int, b: int) -> float:
    columns_a, values_a = _row(matrix, a)
    columns_b, values_b = _row(matrix, b)
    _, ia, ib = np.intersect1d(columns_a, columns_b, assume_unique=True, return_indices=True)
    return float(np.dot(values_a[ia], values_b[ib]))


def _shared_terms(matrix: sparse.csr_matrix, terms: list[str], a: int, b: int, limit: int = 5) -> list[str]:
    columns_a, values_a = _row(matrix, a)
    columns_b, values_b = _row(matrix, b)
    shared, ia, ib = np.intersect1d(columns_a, columns_b, assume_unique=True, return_indices=True)
    weights = values_a[ia] * values_b[ib]
    order = np.lexsort((shared, -weights))[:limit]
    return [terms[shared[o]] for o in order]


def explain(links: Iterable[Link], task_id: str) -> list[Link]:
    """Every link touching ``task_id``, strongest first."""
    return sorted(
        (link for link in links if task_id in (link.source, link.target)),
        key=lambda link: (-link.score, link.source, link.target),
    )
