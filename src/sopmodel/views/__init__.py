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
from sopmodel.views.steps import LinkText, StepText, link_texts, role_names, step_texts

__all__ = [
    "HAZARDS",
    "QUIZ_KINDS",
    "SIGNAL_COLOURS",
    "Callout",
    "FlowEdge",
    "FlowGraph",
    "FlowNode",
    "LinkText",
    "NumberedStep",
    "Question",
    "StepText",
    "callouts",
    "fixed_successor",
    "flow_graph",
    "lines",
    "link_texts",
    "number_steps",
    "outline_label",
    "plain",
    "quiz",
    "rich",
    "role_names",
    "signal_word",
    "step_texts",
]
