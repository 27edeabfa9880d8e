"""Views derived once from a document, so that every output agrees on numbers and flow."""

from sopmodel.views.flow import FlowEdge, FlowGraph, FlowNode, flow_graph
from sopmodel.views.numbering import NumberedStep, number_steps, outline_label
from sopmodel.views.quiz import QUIZ_KINDS, Question, quiz
from sopmodel.views.quiz_paths import fixed_successor
from sopmodel.views.richtext import (
    HAZARDS,
    SIGNAL_COLOURS,
    Callout,
    callouts,
    lines,
    plain,
    rich,
    signal_word,
)
from sopmodel.views.safety import (
    DANGER_LEVELS,
    SEVERITY_BANDS,
    SEVERITY_ORDER,
    StepHazard,
    danger_notes,
    needs_safety_first,
    protective_equipment,
    severity_colours,
    sorted_risks,
    warned_steps,
)
from sopmodel.views.steps import LinkText, StepText, link_texts, role_names, step_texts

__all__ = [
    "DANGER_LEVELS",
    "HAZARDS",
    "QUIZ_KINDS",
    "SEVERITY_BANDS",
    "SEVERITY_ORDER",
    "SIGNAL_COLOURS",
    "Callout",
    "FlowEdge",
    "FlowGraph",
    "FlowNode",
    "LinkText",
    "NumberedStep",
    "Question",
    "StepHazard",
    "StepText",
    "callouts",
    "danger_notes",
    "fixed_successor",
    "flow_graph",
    "lines",
    "link_texts",
    "needs_safety_first",
    "number_steps",
    "outline_label",
    "plain",
    "protective_equipment",
    "quiz",
    "rich",
    "role_names",
    "severity_colours",
    "signal_word",
    "sorted_risks",
    "step_texts",
    "warned_steps",
]
