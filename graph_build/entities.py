"""The entity stage: indicators, citations and reforms attached to each task, targets to indicators."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from graph_build.indicators import load_indicators, map_indicators
from graph_build.model import IndicatorLink, Target, Task
from graph_build.normalize import SourceText, fold_text
from graph_build.policies import cite_in_task
from graph_build.reforms import find_reforms
from graph_build.tokens import tokenize


def attach_entities(task: Task, source: SourceText, discovered: Iterable[str] = ()) -> Task:
    """``task`` with its indicators (评价指标), cited policies and reforms filled in.

    Targets are attached to the indicator they measure: the only one, or the one whose
    keywords appear in the target's own clause.
    """
    start, end = task.span.start, task.span.end
    analysis = source.analysis[start:end]
    title = fold_text(task.title)
    indicators = map_indicators(title, task.section, tokenize(analysis), tokenize(title))
    return replace(
        task,
        indicators=indicators,
        citations=cite_in_task(analysis, source.original[start:end], start, task.document_id),
        reforms=find_reforms(analysis, start, task.document_id, discovered),
        targets=tuple(_target_indicator(t, indicators) for t in task.targets),
    )


def _target_indicator(target: Target, indicators: tuple[IndicatorLink, ...]) -> Target:
    if not indicators:
        return target
    if len(indicators) == 1:
        return replace(target, indicator_id=indicators[0].indicator_id)
    by_id = {i.id: i for i in load_indicators()}
    for link in indicators:
        indicator = by_id[link.indicator_id]
        words = (indicator.name, *indicator.synonyms, *indicator.keywords)
        if any(word in target.metric for word in words):
            return replace(target, indicator_id=link.indicator_id)
    return replace(target, indicator_id=indicators[0].indicator_id)
